package dev.slipway.edge;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** Every environment the edge runs, by app and name. An environment with nothing in it is forgotten. */
final class Environments {
    private static final System.Logger LOG = System.getLogger(Environments.class.getName());

    private record Key(String app, String environment) {
    }

    private final ConcurrentMap<Key, EnvironmentState> byKey = new ConcurrentHashMap<>();
    private final SlotSupervisor supervisor;
    private final StateStore store;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile boolean closing;

    Environments(SlotSupervisor supervisor, StateStore store, ScheduledExecutorService scheduler, Clock clock) {
        this.supervisor = supervisor;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Takes back every environment of the state files: routes as they were, processes still running adopted. */
    void restore() throws IOException {
        for (StoredEnvironment stored : store.loadAll()) {
            if (!Names.isValid(stored.app()) || !Names.isValid(stored.environment())) {
                LOG.log(System.Logger.Level.ERROR, "leaving out a state file naming an invalid environment");
                continue;
            }
            Key key = new Key(stored.app(), stored.environment());
            EnvironmentState state = newState(key);
            state.restore(stored);
            byKey.put(key, state);
            LOG.log(System.Logger.Level.INFO, "restored " + key.app() + "/" + key.environment()
                    + (stored.live() == null ? ", nothing live" : ", v" + stored.live().version() + " live in slot "
                    + stored.live().slot()));
        }
    }

    /** For reading (requests, views) without a lock; empty when the edge does not know the environment. */
    Optional<EnvironmentState> find(String app, String environment) {
        return Optional.ofNullable(byKey.get(new Key(app, environment))).filter(state -> !state.isEmpty());
    }

    /** Runs a change of one environment, alone: changes of the same environment wait for each other. */
    <T> T update(String app, String environment, Function<EnvironmentState, T> change) {
        Key key = new Key(app, environment);
        while (true) {
            EnvironmentState state = byKey.computeIfAbsent(key, this::newState);
            state.lock();
            try {
                if (state.isRemoved()) {
                    continue; // torn down while we waited: take the one that replaces it
                }
                if (closing) {
                    throw AdminException.unavailable("the edge is shutting down");
                }
                return change.apply(state);
            } finally {
                if (!state.isRemoved() && state.isEmpty()) {
                    state.markRemoved();
                    byKey.remove(key, state);
                }
                state.unlock();
            }
        }
    }

    /** @return whether the edge knew the environment */
    boolean remove(String app, String environment) {
        return update(app, environment, state -> {
            if (state.isEmpty()) {
                return false;
            }
            state.tearDown();
            return true;
        });
    }

    /** Refuses further changes and stops every service of every environment, in parallel; state files stay. */
    void close() {
        closing = true;
        List<ServiceProcess> services = new ArrayList<>();
        for (EnvironmentState state : byKey.values()) {
            state.lock(); // a change under way finishes first, so nothing it starts is missed
            try {
                services.addAll(state.services());
            } finally {
                state.unlock();
            }
        }
        supervisor.stopAll(services);
    }

    private EnvironmentState newState(Key key) {
        return new EnvironmentState(key.app(), key.environment(), supervisor, store, scheduler, clock);
    }
}

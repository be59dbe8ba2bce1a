package dev.slipway.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One environment's two slots and its route. Changes happen one at a time under the environment's lock (held by
 * {@link Environments#update}); requests read the current {@link RouteSnapshot} without any lock. Every change is
 * persisted before it takes effect on the route, so a crash right after a switch keeps the switch.
 */
final class EnvironmentState {
    private static final System.Logger LOG = System.getLogger(EnvironmentState.class.getName());

    private final String app;
    private final String environment;
    private final SlotSupervisor supervisor;
    private final StateStore store;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** guarded by lock */
    private final Map<Slot, ScheduledFuture<?>> pendingStops = new EnumMap<>(Slot.class);
    /** guarded by lock; set when the environment was torn down, so a change waiting for the lock goes elsewhere */
    private boolean removed;
    private volatile EnvironmentSnapshot current;
    private volatile RouteSnapshot route;

    EnvironmentState(String app, String environment, SlotSupervisor supervisor, StateStore store,
                     ScheduledExecutorService scheduler, Clock clock) {
        this.app = app;
        this.environment = environment;
        this.supervisor = supervisor;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.current = EnvironmentSnapshot.empty(app, environment);
    }

    /** Takes back an environment from its state file: adopts its processes still running, resumes pending stops. */
    void restore(StoredEnvironment stored) {
        EnvironmentSnapshot restored = new EnvironmentSnapshot(app, environment, stored.live(),
                restore(stored.blue()), restore(stored.green()));
        lock.lock();
        try {
            current = restored;
            route = restored.route();
            for (Slot slot : Slot.values()) {
                PreparedSlot held = restored.slot(slot);
                if (held != null && held.stopsAt() != null) {
                    scheduleStop(slot, held.stopsAt());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private PreparedSlot restore(StoredEnvironment.StoredSlot stored) {
        if (stored == null) {
            return null;
        }
        List<ServiceProcess> services = stored.services().stream()
                .map(s -> supervisor.restore(app, environment, stored.slot(), stored.version(), s)).toList();
        SlotSpec.StaticSite site = stored.staticSite() == null ? null
                : new SlotSpec.StaticSite(stored.staticSite().component(), Path.of(stored.staticSite().dir()));
        return new PreparedSlot(stored.slot(), stored.version(), stored.preparedAt(), site, services, stored.stopsAt());
    }

    /** The live release; null when nothing is live. Read once per request. */
    RouteSnapshot route() {
        return route;
    }

    /** What the environment would serve if {@code slot} were live; empty when the slot holds nothing. */
    Optional<RouteSnapshot> preview(Slot slot) {
        return Optional.ofNullable(current.slot(slot)).map(held -> held.route(app, environment));
    }

    Views.EnvironmentView view() {
        return current.view();
    }

    boolean isEmpty() {
        return current.isEmpty();
    }

    /** Stops what ran in the (not live) slot and starts the release's services there. */
    Views.SlotView prepare(Slot slot, SlotSpec spec) {
        EnvironmentSnapshot now = current;
        if (now.live() != null && now.live().slot() == slot) {
            throw AdminException.conflict("slot " + slot + " is live; prepare the other slot", "slot");
        }
        cancelPendingStop(slot);
        PreparedSlot old = now.slot(slot);
        if (old != null) {
            supervisor.stopAll(old.services());
        }
        List<ServiceProcess> services;
        try {
            services = supervisor.start(app, environment, slot, spec.version(), spec.services());
        } catch (IOException e) {
            commit(now.with(slot, null));
            throw AdminException.failed("cannot start the services of slot " + slot + ": " + e.getMessage());
        }
        PreparedSlot prepared = new PreparedSlot(slot, spec.version(), instant(), spec.staticSite(), services, null);
        try {
            commit(now.with(slot, prepared));
        } catch (RuntimeException e) {
            supervisor.stopAll(services); // not recorded anywhere: nothing could ever stop them later
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "prepared " + app + "/" + environment + " v" + spec.version() + " in slot "
                + slot);
        return prepared.view();
    }

    /**
     * Routes the environment to {@code slot} in one step and schedules the previously live slot to stop after
     * {@code retainPrevious}. Switching to the slot already live with that version changes nothing (a retry).
     */
    Views.EnvironmentView switchTo(Slot slot, long version, Duration retainPrevious) {
        EnvironmentSnapshot now = current;
        PreparedSlot target = now.slot(slot);
        if (target == null) {
            throw AdminException.conflict("slot " + slot + " holds nothing; prepare it first", "slot");
        }
        if (target.version() != version) {
            throw AdminException.conflict("slot " + slot + " holds version " + target.version() + ", not " + version,
                    "version");
        }
        Live live = now.live();
        if (live != null && live.slot() == slot) {
            return now.view();
        }
        target.firstNotRunning().ifPresent(service -> {
            throw AdminException.conflict("service " + service.component() + " in slot " + slot + " is not running"
                    + (service.exitCode() == null ? "" : " (exit code " + service.exitCode() + ")")
                    + "; see its logTail", "slot");
        });
        Instant at = instant();
        EnvironmentSnapshot next = now.withLive(new Live(slot, version, at)).with(slot, target.withStopsAt(null));
        PreparedSlot previous = live == null ? null : now.slot(live.slot());
        Instant stopsAt = at.plus(retainPrevious);
        if (previous != null) {
            next = next.with(previous.slot(), previous.withStopsAt(stopsAt));
        }
        commit(next);
        route = next.route(); // the switch: one reference, persisted first
        cancelPendingStop(slot); // a switch back to a slot still retained keeps it running
        if (previous != null) {
            scheduleStop(previous.slot(), stopsAt);
        }
        LOG.log(System.Logger.Level.INFO, "switched " + app + "/" + environment + " to v" + version + " in slot "
                + slot + (previous == null ? "" : "; slot " + previous.slot() + " (v" + previous.version()
                + ") stops at " + stopsAt));
        return next.view();
    }

    /** Stops a slot that is not live; it stays recorded, with its services not running. */
    Views.EnvironmentView stop(Slot slot) {
        EnvironmentSnapshot now = current;
        if (now.live() != null && now.live().slot() == slot) {
            throw AdminException.conflict("slot " + slot + " is live; switch to the other slot first", "slot");
        }
        cancelPendingStop(slot);
        PreparedSlot held = now.slot(slot);
        if (held != null) {
            supervisor.stopAll(held.services());
            commit(now.with(slot, held.withStopsAt(null)));
        }
        return current.view();
    }

    /** Removes the route, stops both slots and forgets the environment. */
    void tearDown() {
        route = null; // answer 404 at once rather than 502 while the services stop
        pendingStops.values().forEach(stop -> stop.cancel(false));
        pendingStops.clear();
        supervisor.stopAll(services());
        store.delete(app, environment);
        current = EnvironmentSnapshot.empty(app, environment);
        LOG.log(System.Logger.Level.INFO, "removed " + app + "/" + environment);
    }

    /** Every service of both slots, for stopping them when the edge shuts down. */
    List<ServiceProcess> services() {
        List<ServiceProcess> services = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            PreparedSlot held = current.slot(slot);
            if (held != null) {
                services.addAll(held.services());
            }
        }
        return services;
    }

    private void scheduleStop(Slot slot, Instant deadline) {
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        pendingStops.put(slot, scheduler.schedule(() -> stopWhenDue(slot, deadline), delay, TimeUnit.MILLISECONDS));
    }

    private void stopWhenDue(Slot slot, Instant deadline) {
        lock.lock();
        try {
            PreparedSlot held = current.slot(slot);
            // prepared anew or switched back to since it was scheduled: not ours to stop any more
            if (removed || held == null || !deadline.equals(held.stopsAt())) {
                return;
            }
            pendingStops.remove(slot);
            supervisor.stopAll(held.services());
            commit(current.with(slot, held.withStopsAt(null)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot stop slot " + slot + " of " + app + "/" + environment, e);
        } finally {
            lock.unlock();
        }
    }

    private void cancelPendingStop(Slot slot) {
        ScheduledFuture<?> pending = pendingStops.remove(slot);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void commit(EnvironmentSnapshot next) {
        if (next.isEmpty()) {
            store.delete(app, environment);
        } else {
            store.save(next.stored());
        }
        current = next;
    }

    private Instant instant() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Under the lock. */
    boolean isRemoved() {
        return removed;
    }

    /** Under the lock. */
    void markRemoved() {
        removed = true;
    }
}

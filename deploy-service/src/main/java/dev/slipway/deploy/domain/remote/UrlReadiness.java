package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.HealthProbe;
import dev.slipway.deploy.domain.Sleeper;
import dev.slipway.events.ComponentCheck;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Waits until every health check of a prepared (not yet live) release answers what it expects. */
public final class UrlReadiness {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HealthProbe probe = new HealthProbe(CHECK_TIMEOUT, HttpClient.Redirect.NORMAL);

    public UrlReadiness(Duration timeout, Duration interval, Clock clock, Sleeper sleeper) {
        this.timeout = timeout;
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public void await(List<ComponentCheck> checks, String where, DeployLog log) {
        List<ComponentCheck> pending = new ArrayList<>(checks);
        Instant deadline = clock.instant().plus(timeout);
        String last = null;
        while (!pending.isEmpty()) {
            ComponentCheck check = pending.get(0);
            last = probe.problem(check);
            if (last == null) {
                pending.remove(0);
                log.line(check.component() + " is healthy in " + where + " (GET " + check.url() + " answered "
                        + check.expectedStatus() + ")");
                continue;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new DeployException("component " + check.component() + " was not healthy in " + where
                        + " within " + timeout + ": GET " + check.url() + " expected " + check.expectedStatus()
                        + ", last: " + last);
            }
            pause();
        }
    }

    /** One round of the checks, without waiting: the first problem, or empty when all pass. */
    public Optional<String> problem(List<ComponentCheck> checks) {
        for (ComponentCheck check : checks) {
            String problem = probe.problem(check);
            if (problem != null) {
                return Optional.of(check.component() + ": GET " + check.url() + " expected " + check.expectedStatus()
                        + ", got " + problem);
            }
        }
        return Optional.empty();
    }

    // a remote build is starting: there is no event to wait on
    private void pause() {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting for health checks", e);
        }
    }
}

package dev.slipway.verify.messaging;

import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.verify.config.VerifyConfig;
import dev.slipway.verify.domain.BakeWindow;
import dev.slipway.verify.domain.HttpProbe;
import dev.slipway.verify.domain.ProbeOutcome;
import dev.slipway.verify.domain.RunStatus;
import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthCheckAttempt;
import dev.slipway.verify.persistence.HealthRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks runs that are due: claims one ({@code FOR UPDATE SKIP LOCKED}, a claim token and a heartbeat), probes each
 * of its component checks not yet concluded in this check until it passes or runs out of attempts, recording every
 * attempt, then ends the check: a failure concludes the run FAILED at once; all passing concludes it PASSED once the
 * bake window is over, and otherwise leaves it BAKING, unclaimed and due again one bake interval later.
 * <p>
 * The database is the only record of what is due: a restart picks up a baking run when it is due, and a run whose
 * worker died mid-check (no heartbeat for {@code stale-after}) is claimed again and resumes where it stopped. The
 * in-memory wake-up at a run's next check only saves waiting for the next poll.
 */
@ApplicationScoped
public class HealthCheckWorker {
    private static final Logger LOG = Logger.getLogger(HealthCheckWorker.class);

    private final VerifyConfig config;
    private final HealthResults results;
    private final Clock clock;
    private final List<BackgroundLoop> loops = new ArrayList<>();
    private ScheduledExecutorService alarms;
    private HttpProbe probe;
    private RetryPolicy retry;
    private BakeWindow bake;

    public HealthCheckWorker(VerifyConfig config, HealthResults results, Clock clock) {
        this.config = config;
        this.results = results;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (config.workers() < 1) {
            throw new IllegalStateException("slipway.verify.workers must be at least 1, got " + config.workers());
        }
        try {
            probe = new HttpProbe(config.timeout());
            retry = new RetryPolicy(config.attempts(), config.backoff());
            bake = new BakeWindow(config.bakeWindow(), config.bakeInterval());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.verify." + e.getMessage(), e);
        }
        alarms = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "verify-bake-alarm");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 1; i <= config.workers(); i++) {
            loops.add(BackgroundLoop.start("verify-health-checks-" + i, config.pollInterval(), this::runNext));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (alarms != null) {
            alarms.shutdownNow();
        }
        loops.forEach(BackgroundLoop::close);
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunRecorded recorded) {
        wakeAll();
    }

    private void wakeAll() {
        loops.forEach(BackgroundLoop::wake);
    }

    /** @return true when it worked on a run, so the loop looks for the next at once */
    boolean runNext() {
        Optional<Claim> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        if (claimed.isEmpty()) {
            return false;
        }
        Claim claim = claimed.get();
        for (PendingCheck check : claim.checks()) {
            if (!runCheck(claim, check)) {
                LOG.infof("health-check run %d ended or was taken over by another worker; leaving it", claim.runId());
                return true;
            }
        }
        QuarkusTransaction.requiringNew().call(() -> endCheck(claim)).ifPresent(this::wakeAt);
        return true;
    }

    private Optional<Claim> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return HealthRun.lockNextDue(now, now.minus(config.staleAfter())).map(run -> {
            if (run.claimToken != null) {
                LOG.infof("resuming health-check run %d of %s/%s: no heartbeat since %s",
                        run.id, run.app, run.environment, run.heartbeatAt);
            }
            run.claimToken = UUID.randomUUID().toString();
            run.startedAt = run.startedAt == null ? now : run.startedAt;
            run.heartbeatAt = now;
            int round = run.checksRun + 1;
            List<PendingCheck> pending = HealthCheck.ofRun(run.id).stream().filter(c -> !c.concludedIn(round))
                    .map(c -> new PendingCheck(c.id, c.url, c.expectedStatus, c.checkRound == round ? c.attempts : 0))
                    .toList();
            return new Claim(run.id, run.claimToken, round, now, pending);
        });
    }

    /** @return false when the run ended (superseded) or was claimed by another worker meanwhile */
    private boolean runCheck(Claim claim, PendingCheck check) {
        int attempt = check.attemptsDone();
        while (true) {
            attempt++;
            OffsetDateTime startedAt = OffsetDateTime.now(clock);
            ProbeOutcome outcome = probe(check);
            boolean concluded = outcome.passed() || !retry.allowsAnotherAfter(attempt);
            int number = attempt;
            if (!QuarkusTransaction.requiringNew().call(() -> record(claim, check, number, startedAt, outcome, concluded))) {
                return false;
            }
            if (concluded) {
                return true;
            }
            pause(retry.delayAfter(attempt));
        }
    }

    private ProbeOutcome probe(PendingCheck check) {
        try {
            return probe.get(check.url(), check.expectedStatus());
        } catch (InterruptedException e) {
            // Shutting down: the run keeps its state and is resumed once its heartbeat is stale.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + check.url(), e);
        }
    }

    private Optional<HealthRun> lockClaimed(Claim claim) {
        return HealthRun.lockById(claim.runId())
                .filter(r -> claim.token().equals(r.claimToken) && !r.status.isTerminal());
    }

    private boolean record(Claim claim, PendingCheck pending, int attempt, OffsetDateTime startedAt,
                           ProbeOutcome outcome, boolean concluded) {
        Optional<HealthRun> run = lockClaimed(claim);
        if (run.isEmpty()) {
            return false;
        }
        run.get().heartbeatAt = OffsetDateTime.now(clock);
        HealthCheckAttempt row = new HealthCheckAttempt();
        row.checkId = pending.checkId();
        row.checkRound = claim.round();
        row.attempt = attempt;
        row.startedAt = startedAt;
        row.httpStatus = outcome.status();
        row.latencyMs = outcome.latency().toMillis();
        row.error = outcome.error();
        row.passed = outcome.passed();
        row.output = outcome.output();
        row.persist();
        HealthCheck check = HealthCheck.findById(pending.checkId());
        check.checkRound = claim.round();
        check.attempts = attempt;
        check.httpStatus = outcome.status();
        check.latencyMs = row.latencyMs;
        check.error = outcome.error();
        check.output = outcome.output();
        check.passed = concluded ? outcome.passed() : null;
        return true;
    }

    /** @return when the run is due again, if it keeps baking */
    private Optional<OffsetDateTime> endCheck(Claim claim) {
        Optional<HealthRun> claimed = lockClaimed(claim);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        HealthRun run = claimed.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        run.checksRun = claim.round();
        run.heartbeatAt = now;
        List<HealthCheck> checks = HealthCheck.ofRun(run.id);
        boolean allPassed = checks.stream().allMatch(c -> Boolean.TRUE.equals(c.passed));
        if (!allPassed || BakeWindow.isOver(run.bakeUntil, now)) {
            results.conclude(run, checks.stream().map(HealthCheck::observation).toList());
            return Optional.empty();
        }
        if (run.status == RunStatus.CHECKING) {
            LOG.infof("health of %s/%s version %d: first check passed, baking until %s", run.app, run.environment,
                    run.version, run.bakeUntil);
        }
        run.status = RunStatus.BAKING;
        run.nextCheckAt = bake.nextCheckAt(claim.startedAt(), now, run.bakeUntil);
        run.claimToken = null;
        return Optional.of(run.nextCheckAt);
    }

    /** Wakes the workers when a baking run is due again, rather than at their next poll. */
    private void wakeAt(OffsetDateTime due) {
        long delay = Math.max(0, Duration.between(OffsetDateTime.now(clock), due).toMillis());
        try {
            alarms.schedule(this::wakeAll, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // shutting down: the run is due in the database and is picked up after the restart
            LOG.debugf("no wake-up scheduled for %s: %s", due, e.getMessage());
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** @param round which of the run's checks this is (1, 2, ...) */
    private record Claim(long runId, String token, int round, OffsetDateTime startedAt, List<PendingCheck> checks) {
    }

    private record PendingCheck(long checkId, String url, int expectedStatus, int attemptsDone) {
    }
}

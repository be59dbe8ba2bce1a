package dev.slipway.verify.messaging;

import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.verify.config.VerifyConfig;
import dev.slipway.verify.domain.HttpProbe;
import dev.slipway.verify.domain.ProbeOutcome;
import dev.slipway.platform.retry.RetryPolicy;
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

/**
 * Runs recorded health-check runs: claims one ({@code FOR UPDATE SKIP LOCKED}), probes each unconcluded check
 * until it passes or runs out of attempts, recording every attempt with a heartbeat, then concludes the run.
 * A run whose worker died (no heartbeat for {@code stale-after}) is claimed again and resumes where it stopped.
 */
@ApplicationScoped
public class HealthCheckWorker {
    private static final Logger LOG = Logger.getLogger(HealthCheckWorker.class);

    private final VerifyConfig config;
    private final HealthResults results;
    private final Clock clock;
    private final List<BackgroundLoop> loops = new ArrayList<>();
    private HttpProbe probe;
    private RetryPolicy retry;

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
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.verify." + e.getMessage(), e);
        }
        for (int i = 1; i <= config.workers(); i++) {
            loops.add(BackgroundLoop.start("verify-health-checks-" + i, config.pollInterval(), this::runNext));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(BackgroundLoop::close);
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunRecorded recorded) {
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
                LOG.warnf("health-check run %d was taken over by another worker; leaving it", claim.runId());
                return true;
            }
        }
        QuarkusTransaction.requiringNew().call(() -> conclude(claim));
        return true;
    }

    private Optional<Claim> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return HealthRun.lockNextClaimable(now.minus(config.staleAfter())).map(run -> {
            if (run.status == RunStatus.RUNNING) {
                LOG.infof("resuming health-check run %d of %s/%s: no heartbeat since %s",
                        run.id, run.app, run.environment, run.heartbeatAt);
            }
            run.status = RunStatus.RUNNING;
            run.claimToken = UUID.randomUUID().toString();
            run.startedAt = run.startedAt == null ? now : run.startedAt;
            run.heartbeatAt = now;
            List<PendingCheck> pending = HealthCheck.ofRun(run.id).stream().filter(c -> !c.concluded())
                    .map(c -> new PendingCheck(c.id, c.url, c.expectedStatus, c.attempts)).toList();
            return new Claim(run.id, run.claimToken, pending);
        });
    }

    /** @return false when the run was claimed by another worker meanwhile */
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

    private boolean record(Claim claim, PendingCheck pending, int attempt, OffsetDateTime startedAt,
                           ProbeOutcome outcome, boolean concluded) {
        Optional<HealthRun> run = HealthRun.lockById(claim.runId()).filter(r -> claim.token().equals(r.claimToken));
        if (run.isEmpty()) {
            return false;
        }
        run.get().heartbeatAt = OffsetDateTime.now(clock);
        HealthCheckAttempt row = new HealthCheckAttempt();
        row.checkId = pending.checkId();
        row.attempt = attempt;
        row.startedAt = startedAt;
        row.httpStatus = outcome.status();
        row.latencyMs = outcome.latency().toMillis();
        row.error = outcome.error();
        row.passed = outcome.passed();
        row.persist();
        HealthCheck check = HealthCheck.findById(pending.checkId());
        check.attempts = attempt;
        check.httpStatus = outcome.status();
        check.latencyMs = row.latencyMs;
        check.error = outcome.error();
        if (concluded) {
            check.passed = outcome.passed();
        }
        return true;
    }

    private boolean conclude(Claim claim) {
        Optional<HealthRun> run = HealthRun.lockById(claim.runId())
                .filter(r -> claim.token().equals(r.claimToken) && !r.status.isTerminal());
        run.ifPresent(r -> results.conclude(r, HealthCheck.ofRun(r.id).stream().map(HealthCheck::observation).toList()));
        return run.isPresent();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    private record Claim(long runId, String token, List<PendingCheck> checks) {
    }

    private record PendingCheck(long checkId, String url, int expectedStatus, int attemptsDone) {
    }
}

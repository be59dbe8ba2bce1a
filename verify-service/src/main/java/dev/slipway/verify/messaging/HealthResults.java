package dev.slipway.verify.messaging;

import dev.slipway.events.CheckObservation;
import dev.slipway.events.Envelope;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.RollbackRequested;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
import dev.slipway.verify.config.VerifyConfig;
import dev.slipway.verify.domain.RunResult;
import dev.slipway.verify.domain.RunStatus;
import dev.slipway.verify.persistence.HealthRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ends runs. Concluding one marks it PASSED or FAILED and emits HealthPassed or HealthFailed in the same
 * transaction, and on a failure, by policy, RollbackRequested for exactly the release that failed. Superseding
 * ends the unfinished runs of an environment whose release is no longer live, emitting nothing.
 */
@ApplicationScoped
public class HealthResults {
    private static final Logger LOG = Logger.getLogger(HealthResults.class);

    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final VerifyConfig config;
    private final Clock clock;

    public HealthResults(Outbox outbox, MessagingConfig messaging, VerifyConfig config, Clock clock) {
        this.outbox = outbox;
        this.messaging = messaging;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void conclude(HealthRun run, List<CheckObservation> observations) {
        boolean passed = observations.stream().allMatch(CheckObservation::passed);
        run.status = passed ? RunStatus.PASSED : RunStatus.FAILED;
        run.result = passed ? RunResult.PASSED : RunResult.FAILED;
        run.finishedAt = OffsetDateTime.now(clock);
        run.nextCheckAt = null;
        run.claimToken = null;
        PipelineEvent result = passed
                ? new HealthPassed(run.app, run.environment, run.version, observations)
                : new HealthFailed(run.app, run.environment, run.version, observations);
        Envelope<PipelineEvent> concluded = Envelope.answering(run.cause(), messaging.service(), result, clock);
        outbox.publish(concluded);
        if (!passed && config.rollbackOnFailure()) {
            String failures = observations.stream().filter(o -> !o.passed())
                    .map(o -> o.component() + ": " + o.error()).collect(Collectors.joining("; "));
            outbox.publish(Envelope.answering(concluded.metadata(), messaging.service(), new RollbackRequested(
                    run.app, run.environment, null, "health checks of version " + run.version + " failed: " + failures,
                    messaging.service(), run.version), clock));
        }
        LOG.infof("health of %s/%s version %d: %s after %d check(s)%s", run.app, run.environment, run.version,
                run.result, run.checksRun, passed ? "" : observations.stream().filter(o -> !o.passed())
                        .map(o -> o.component() + ": " + o.error()).collect(Collectors.joining("; ", " (", ")")));
    }

    /**
     * Ends the unfinished runs of {@code app}/{@code environment} as SUPERSEDED: the release they were checking is
     * no longer live, so nothing is said about it (no HealthPassed, HealthFailed or RollbackRequested). A worker in
     * the middle of checking one notices when it records its next attempt and stops.
     *
     * @return how many runs were superseded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int supersedeUnfinished(String app, String environment, String why) {
        List<HealthRun> unfinished = HealthRun.lockUnfinished(app, environment);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (HealthRun run : unfinished) {
            run.status = RunStatus.SUPERSEDED;
            run.finishedAt = now;
            run.nextCheckAt = null;
            run.claimToken = null;
            LOG.infof("health-check run %d of %s/%s version %d superseded after %d check(s): %s", run.id, run.app,
                    run.environment, run.version, run.checksRun, why);
        }
        return unfinished.size();
    }
}

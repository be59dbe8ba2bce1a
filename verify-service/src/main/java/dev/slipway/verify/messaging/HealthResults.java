package dev.slipway.verify.messaging;

import dev.slipway.events.CheckObservation;
import dev.slipway.events.Envelope;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
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

/** Concludes a run: marks it done and emits HealthPassed or HealthFailed in the same transaction. */
@ApplicationScoped
public class HealthResults {
    private static final Logger LOG = Logger.getLogger(HealthResults.class);

    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final Clock clock;

    public HealthResults(Outbox outbox, MessagingConfig messaging, Clock clock) {
        this.outbox = outbox;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void conclude(HealthRun run, List<CheckObservation> observations) {
        boolean passed = observations.stream().allMatch(CheckObservation::passed);
        run.status = RunStatus.DONE;
        run.result = passed ? RunResult.PASSED : RunResult.FAILED;
        run.finishedAt = OffsetDateTime.now(clock);
        PipelineEvent result = passed
                ? new HealthPassed(run.app, run.environment, run.version, observations)
                : new HealthFailed(run.app, run.environment, run.version, observations);
        outbox.publish(Envelope.answering(run.cause(), messaging.service(), result, clock));
        LOG.infof("health of %s/%s version %d: %s%s", run.app, run.environment, run.version, run.result,
                passed ? "" : observations.stream().filter(o -> !o.passed())
                        .map(o -> o.component() + ": " + o.error()).collect(Collectors.joining("; ", " (", ")")));
    }
}

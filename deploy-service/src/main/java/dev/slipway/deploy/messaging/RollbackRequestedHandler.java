package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.RollbackStatus;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.deploy.persistence.Rollback;
import dev.slipway.deploy.persistence.RollbackRepository;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.EventHandler;
import dev.slipway.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A rollback request is recorded as REQUESTED; {@link DeployWorker} runs it in the environment's lane, so it
 * never overlaps a deploy there. A request for an environment that was never deployed fails at once.
 */
@ApplicationScoped
public class RollbackRequestedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(RollbackRequestedHandler.class);

    private final EnvironmentRepository environments;
    private final RollbackRepository rollbacks;
    private final Outbox outbox;
    private final DeployWorker worker;
    private final MessagingConfig messaging;
    private final Clock clock;

    public RollbackRequestedHandler(EnvironmentRepository environments, RollbackRepository rollbacks, Outbox outbox,
                                    DeployWorker worker, MessagingConfig messaging, Clock clock) {
        this.environments = environments;
        this.rollbacks = rollbacks;
        this.outbox = outbox;
        this.worker = worker;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.ROLLBACK_REQUESTED);
    }

    @Override
    public void handle(Envelope<?> event) {
        RollbackRequested request = (RollbackRequested) event.data();
        Optional<Environment> environment = environments.find(request.app(), request.environment());
        if (environment.isEmpty()) {
            String reason = "app '" + request.app() + "' has no environment '" + request.environment()
                    + "' deployed here";
            LOG.warnf("rollback %s refused: %s", event.metadata().id(), reason);
            // nothing was ever live there, so the request's commit is the only one to name
            outbox.publish(Envelope.answering(event.metadata(), messaging.service(),
                    new RollbackFailed(request.app(), request.environment(), request.toVersion(), reason), clock));
            return;
        }
        Rollback rollback = new Rollback();
        rollback.environment = environment.get();
        rollback.requestedVersion = request.toVersion();
        rollback.onlyIfLive = request.fromVersion();
        rollback.status = RollbackStatus.REQUESTED;
        rollback.reason = Objects.requireNonNullElse(request.reason(), "no reason given");
        rollback.requestedBy = Objects.requireNonNullElse(request.requestedBy(), "someone unnamed");
        rollback.requestedAt = OffsetDateTime.now(clock);
        rollback.causeEventId = event.metadata().id();
        rollback.correlationId = event.metadata().correlationId();
        rollback.commitSha = event.metadata().commitSha();
        rollbacks.persist(rollback);

        worker.wakeAfterCommit();
    }
}

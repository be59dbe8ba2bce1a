package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PromoteRefused;
import dev.slipway.events.PromoteRequested;
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
 * A promotion deploys to an environment the exact artifacts and commit of a release that went live in another
 * one and passed its health checks there, with the target environment's own configuration. It lifts the target's
 * pin: promoting is a person deciding what runs there. Anything that cannot be promoted is refused with
 * PromoteRefused saying why, and nothing is recorded.
 */
@ApplicationScoped
public class PromoteRequestedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(PromoteRequestedHandler.class);

    private final EnvironmentRepository environments;
    private final Promotions promotions;
    private final DeploymentRecorder recorder;
    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final Clock clock;

    public PromoteRequestedHandler(EnvironmentRepository environments, Promotions promotions,
                                   DeploymentRecorder recorder, Outbox outbox, MessagingConfig messaging,
                                   Clock clock) {
        this.environments = environments;
        this.promotions = promotions;
        this.recorder = recorder;
        this.outbox = outbox;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.PROMOTE_REQUESTED);
    }

    @Override
    public void handle(Envelope<?> event) {
        PromoteRequested promote = (PromoteRequested) event.data();
        Optional<String> refusal = promotions.refusal(promote.app(), promote.environment(),
                promote.fromEnvironment(), promote.fromVersion());
        if (refusal.isPresent()) {
            LOG.warnf("promotion %s refused: %s", event.metadata().id(), refusal.get());
            outbox.publish(Envelope.answering(event.metadata(), messaging.service(), new PromoteRefused(
                    promote.app(), promote.environment(), promote.fromEnvironment(), refusal.get()), clock));
            return;
        }
        Deployment source = promotions.source(promote.app(), promote.fromEnvironment(), promote.fromVersion())
                .orElseThrow();
        Environment to = environments.lockOrCreate(promote.app(), promote.environment(), OffsetDateTime.now(clock));
        to.pinnedAt = null;
        to.pinnedReason = null;
        to.teardownRequestedAt = null;
        to.teardownReason = null;
        to.tornDownAt = null;

        Deployment d = new Deployment();
        d.environment = to;
        d.version = to.takeNextVersion();
        d.commitSha = source.commitSha;
        d.buildNumber = source.buildNumber;
        d.branch = source.branch;
        d.trigger = "promoted from " + promote.fromEnvironment() + " v" + source.version + " by "
                + Objects.requireNonNullElse(promote.requestedBy(), "someone unnamed")
                + (promote.reason() == null || promote.reason().isBlank() ? "" : ": " + promote.reason());
        d.configVariables = to.variables;
        d.targetSettings = to.targetSettings;
        d.causeEventId = event.metadata().id();
        d.correlationId = event.metadata().correlationId();
        d.setComponents(source.release(RuntimeConfig.EMPTY).components());
        recorder.record(d, event.metadata());
        LOG.infof("%s: %s/%s version %d", d.trigger, promote.app(), promote.environment(), d.version);
    }
}

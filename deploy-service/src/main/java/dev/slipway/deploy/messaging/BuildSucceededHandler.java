package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.DeployTarget;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.EventHandler;
import dev.slipway.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * A successful build becomes a deployment: the next version of its environment, recorded as REQUESTED with
 * DeployRequested in the same transaction. The deploy itself is {@link DeployWorker}'s job.
 */
@ApplicationScoped
public class BuildSucceededHandler implements EventHandler {
    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final DeployTarget target;
    private final Outbox outbox;
    private final DeployWorker worker;
    private final MessagingConfig messaging;
    private final Clock clock;

    public BuildSucceededHandler(EnvironmentRepository environments, DeploymentRepository deployments,
                                 DeployTarget target, Outbox outbox, DeployWorker worker,
                                 MessagingConfig messaging, Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.target = target;
        this.outbox = outbox;
        this.worker = worker;
        this.messaging = messaging;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BUILD_SUCCEEDED);
    }

    @Override
    public void handle(Envelope<?> event) {
        BuildSucceeded build = (BuildSucceeded) event.data();
        Names.require(build.app(), "app");
        Names.require(build.environment(), "environment");
        List<ReleaseComponent> components = build.components().stream().map(ReleaseComponent::of).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);

        Environment environment = environments.lockOrCreate(build.app(), build.environment(), now);
        long version = environment.takeNextVersion();
        Envelope<DeployRequested> requested = Envelope.answering(event.metadata(), messaging.service(),
                new DeployRequested(build.app(), build.environment(), version, build.buildNumber(), target.name()),
                clock);

        Deployment deployment = new Deployment();
        deployment.environment = environment;
        deployment.version = version;
        deployment.commitSha = event.metadata().commitSha();
        deployment.buildNumber = build.buildNumber();
        deployment.branch = build.branch();
        deployment.target = target.name();
        deployment.status = DeploymentStatus.REQUESTED;
        deployment.requestedAt = now;
        deployment.causeEventId = event.metadata().id();
        deployment.correlationId = event.metadata().correlationId();
        deployment.requestedEventId = requested.metadata().id();
        deployment.setComponents(components);
        deployments.persist(deployment);
        outbox.publish(requested);

        worker.wakeAfterCommit();
    }
}

package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.deploy.domain.TargetSettingsJson;
import dev.slipway.deploy.domain.Variables;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * A successful build becomes a deployment: the next version of its environment, recorded with the environment's
 * variables as REQUESTED (or WAITING for a promotion rule) with its event in the same transaction. The deploy
 * itself is {@link DeployWorker}'s job.
 */
@ApplicationScoped
public class BuildSucceededHandler implements EventHandler {
    private final EnvironmentRepository environments;
    private final DeploymentRecorder recorder;
    private final Clock clock;

    public BuildSucceededHandler(EnvironmentRepository environments, DeploymentRecorder recorder, Clock clock) {
        this.environments = environments;
        this.recorder = recorder;
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
        for (String required : build.settings().requires()) {
            Names.require(required, "required environment");
        }
        List<ReleaseComponent> components = build.components().stream().map(ReleaseComponent::of).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);

        Environment environment = environments.lockOrCreate(build.app(), build.environment(), now);
        // what the commit's slipway.yml says about the environment now; promotions into it use the same
        environment.variables = Variables.toJson(build.settings().variables());
        environment.requires = String.join(",", build.settings().requires());
        environment.preview = build.settings().preview();
        environment.targetSettings = TargetSettingsJson.toJson(build.settings().target());
        // a push to a branch whose preview was torn down brings the preview back
        environment.teardownRequestedAt = null;
        environment.teardownReason = null;
        environment.tornDownAt = null;

        Deployment deployment = new Deployment();
        deployment.environment = environment;
        deployment.version = environment.takeNextVersion();
        deployment.commitSha = event.metadata().commitSha();
        deployment.buildNumber = build.buildNumber();
        deployment.branch = build.branch();
        deployment.trigger = "push to " + build.branch() + " (build #" + build.buildNumber() + ")";
        deployment.configVariables = environment.variables;
        deployment.targetSettings = environment.targetSettings;
        deployment.withholdSecrets = build.settings().withholdSecrets();
        deployment.causeEventId = event.metadata().id();
        deployment.correlationId = event.metadata().correlationId();
        deployment.setComponents(components);
        recorder.record(deployment, event.metadata());
    }
}

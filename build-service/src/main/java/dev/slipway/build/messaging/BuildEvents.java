package dev.slipway.build.messaging;

import dev.slipway.build.domain.BuildOutcome;
import dev.slipway.build.domain.ComponentResult;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.events.BuildCancelled;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentSettings;
import dev.slipway.events.HealthCheckSpec;
import dev.slipway.spec.HealthCheck;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.TargetSettings;
import dev.slipway.spec.TargetSpec;
import dev.slipway.platform.config.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/** The events of a build, each answering the PushReceived that queued it (same correlation, caused by it). */
@ApplicationScoped
public class BuildEvents {
    private final MessagingConfig messaging;
    private final Clock clock;

    public BuildEvents(MessagingConfig messaging, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
    }

    public Envelope<BuildStarted> started(BuildJob job) {
        return answering(job, new BuildStarted(job.app, job.environment, job.number, job.repository, job.branch));
    }

    public Envelope<BuildSucceeded> succeeded(BuildJob job, BuildOutcome.Succeeded outcome) {
        List<BuiltComponent> components = outcome.components().stream()
                .map(c -> component(c, outcome.settings().healthOf(c.name(), c.health()))).toList();
        // A fork's pull request never gets the environment's secrets: its build got none (BuildPipeline passes the
        // repository's commands only a few harmless variables), and withholdSecrets tells the deploy the same.
        EnvironmentSettings settings = new EnvironmentSettings(outcome.settings().variables(), outcome.settings().requires(),
                outcome.settings().preview(), job.fromFork, target(outcome.settings().target()));
        return answering(job, new BuildSucceeded(job.app, job.environment, job.number, job.repository, job.branch,
                components, settings));
    }

    public Envelope<BuildFailed> failed(BuildJob job, BuildOutcome.Failed outcome) {
        return answering(job, new BuildFailed(job.app, job.environment, job.number, job.repository, job.branch,
                outcome.component(), outcome.step().id(), outcome.reason(), outcome.logTail()));
    }

    /**
     * Continues the run of the cancelled build (its correlation, its commit), so whoever follows that run learns
     * how it ended.
     */
    public Envelope<BuildCancelled> cancelled(BuildJob job) {
        return answering(job, new BuildCancelled(job.app, job.environment, job.number, job.repository, job.branch,
                job.cancelReason, job.supersededBy));
    }

    private static TargetSettings target(TargetSpec target) {
        if (target == null) {
            return null;
        }
        return new TargetSettings(
                target.netlify() == null ? null : new TargetSettings.Netlify(target.netlify().site(), target.netlify().tokenSecret()),
                target.huggingface() == null ? null
                        : new TargetSettings.HuggingFace(target.huggingface().space(), target.huggingface().tokenSecret()));
    }

    private <E extends PipelineEvent> Envelope<E> answering(BuildJob job, E data) {
        return Envelope.answering(job.trigger(), messaging.service(), data, clock);
    }

    /** @param health the check in the build's environment: its own for the component, else the component's */
    private static BuiltComponent component(ComponentResult c, HealthCheck health) {
        return new BuiltComponent(c.name(), c.kind().yamlName(), c.artifact().digest().toString(), c.artifact().size(),
                c.coverage(), health == null ? null : new HealthCheckSpec(health.path(), health.status()),
                c.run(), c.route(), c.migrate(), c.image());
    }
}

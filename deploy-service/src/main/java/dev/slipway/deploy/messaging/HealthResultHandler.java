package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.domain.HealthSummary;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records verify-service's health result on the deployment it is about (by app, environment, version). A pass
 * may release deployments of the same commit that waited for it (production requires staging).
 */
@ApplicationScoped
public class HealthResultHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(HealthResultHandler.class);

    private final DeploymentRepository deployments;
    private final DeploymentRecorder recorder;
    private final Clock clock;

    public HealthResultHandler(DeploymentRepository deployments, DeploymentRecorder recorder, Clock clock) {
        this.deployments = deployments;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.HEALTH_PASSED, EventType.HEALTH_FAILED);
    }

    @Override
    public void handle(Envelope<?> event) {
        Health health = Health.of(event.data());
        String app = event.data().app();
        String environment = event.data().environment();
        Optional<Deployment> deployment = deployments.find(app, environment, health.version());
        if (deployment.isEmpty()) {
            // retrying cannot make an unknown deployment appear; say so and move on
            LOG.warnf("%s %s is about %s/%s version %d, which was never deployed here; ignored",
                    event.type().type(), event.metadata().id(), app, environment, health.version());
            return;
        }
        Deployment d = deployment.get();
        d.health = health.result();
        d.healthSummary = HealthSummary.of(health.observations());
        d.healthAt = OffsetDateTime.now(clock);
        if (health.result() == HealthResult.PASSED) {
            recorder.releaseWaiting(app, d.commitSha, event.metadata());
        }
    }

    private record Health(HealthResult result, long version, List<CheckObservation> observations) {
        static Health of(PipelineEvent data) {
            if (data instanceof HealthPassed passed) {
                return new Health(HealthResult.PASSED, passed.version(), passed.observations());
            }
            HealthFailed failed = (HealthFailed) data;
            return new Health(HealthResult.FAILED, failed.version(), failed.observations());
        }
    }
}

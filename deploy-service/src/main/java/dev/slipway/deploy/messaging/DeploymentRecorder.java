package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.Requirements;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Records a new deployment in its environment (from a build or a promotion) and decides whether it may queue:
 * when the environment requires that the commit passed other environments first and it has not, the deployment
 * WAITS, visibly, until a HealthPassed there releases it. Called with the environment locked.
 */
@ApplicationScoped
public class DeploymentRecorder {
    private static final Logger LOG = Logger.getLogger(DeploymentRecorder.class);

    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final Outbox outbox;
    private final DeployWorker worker;
    private final MessagingConfig messaging;
    private final Clock clock;

    public DeploymentRecorder(EnvironmentRepository environments, DeploymentRepository deployments,
                              Outbox outbox, DeployWorker worker, MessagingConfig messaging,
                              Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.outbox = outbox;
        this.worker = worker;
        this.messaging = messaging;
        this.clock = clock;
    }

    /**
     * Persists {@code d} (its environment locked, its version taken) as REQUESTED or WAITING and emits
     * DeployRequested or DeployWaiting answering {@code cause}. Older waiting deployments of the environment are
     * superseded by it: latest wins, also while waiting.
     */
    public void record(Deployment d, EventMetadata cause) {
        Environment environment = d.environment;
        EventMetadata about = cause.withCommit(d.commitSha);
        for (Deployment older : deployments.lockWaiting(environment)) {
            supersede(older, d.version);
        }
        Optional<String> unmet = unmet(environment, d.commitSha);
        d.requestedAt = OffsetDateTime.now(clock);
        d.target = TargetRouter.nameOf(d.targetSettings());
        if (unmet.isPresent()) {
            Envelope<DeployWaiting> waiting = Envelope.answering(about, messaging.service(),
                    new DeployWaiting(d.app(), d.environmentName(), d.version, unmet.get()), clock);
            d.status = DeploymentStatus.WAITING;
            d.reason = unmet.get();
            d.requestedEventId = waiting.metadata().id();
            deployments.persist(d);
            outbox.publish(waiting);
            LOG.infof("%s/%s version %d waits: %s", d.app(), d.environmentName(), d.version, unmet.get());
            return;
        }
        d.status = DeploymentStatus.REQUESTED;
        Envelope<DeployRequested> requested = requested(d, about);
        d.requestedEventId = requested.metadata().id();
        deployments.persist(d);
        outbox.publish(requested);
        worker.wakeAfterCommit();
    }

    /**
     * After the commit passed an environment: queues every deployment of the app waiting on that commit whose
     * rule is now met.
     */
    public void releaseWaiting(String app, String commitSha, EventMetadata cause) {
        for (Deployment waiting : deployments.waitingFor(app, commitSha)) {
            Environment environment = environments.lock(app, waiting.environmentName()).orElseThrow();
            if (waiting.status != DeploymentStatus.WAITING || unmet(environment, commitSha).isPresent()) {
                continue;
            }
            LOG.infof("%s/%s version %d may deploy now: its rule is met", app, waiting.environmentName(),
                    waiting.version);
            waiting.status = DeploymentStatus.REQUESTED;
            waiting.reason = null;
            waiting.trigger = waiting.trigger + ", after it passed " + String.join(" and ",
                    environment.requiredEnvironments());
            Envelope<DeployRequested> requested = requested(waiting, cause.withCommit(commitSha));
            waiting.requestedEventId = requested.metadata().id();
            outbox.publish(requested);
            worker.wakeAfterCommit();
        }
    }

    private Optional<String> unmet(Environment environment, String commitSha) {
        return Requirements.unmet(environment.name, environment.requiredEnvironments(), commitSha,
                required -> deployments.passed(environment.app, required, commitSha));
    }

    private Envelope<DeployRequested> requested(Deployment d, EventMetadata cause) {
        return Envelope.answering(cause, messaging.service(), new DeployRequested(d.app(), d.environmentName(),
                d.version, d.buildNumber, d.target, d.trigger), clock);
    }

    private void supersede(Deployment older, long byVersion) {
        String reason = "superseded by version " + byVersion + " while waiting";
        older.status = DeploymentStatus.SUPERSEDED;
        older.reason = reason;
        older.finishedAt = OffsetDateTime.now(clock);
        outbox.publish(Envelope.answering(older.requestedEvent(source()), messaging.service(),
                new DeploySuperseded(older.app(), older.environmentName(), older.version, byVersion), clock));
    }

    private URI source() {
        return Envelope.sourceOf(messaging.service());
    }
}

package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A deleted branch takes its preview environment with it: what waits there is superseded and {@link DeployWorker}
 * tears the environment down in its lane (after a deploy in flight). Named environments are never torn down.
 */
@ApplicationScoped
public class BranchDeletedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(BranchDeletedHandler.class);

    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final DeployWorker worker;
    private final Clock clock;

    public BranchDeletedHandler(EnvironmentRepository environments, DeploymentRepository deployments,
                                DeployWorker worker, Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BRANCH_DELETED);
    }

    @Override
    public void handle(Envelope<?> event) {
        BranchDeleted deleted = (BranchDeleted) event.data();
        Optional<Environment> found = environments.lock(deleted.app(), deleted.environment());
        if (found.isEmpty() || !found.get().preview) {
            LOG.infof("branch %s of %s was deleted; %s is %s, nothing to tear down", deleted.branch(),
                    deleted.app(), deleted.environment(), found.isEmpty() ? "unknown here" : "not a preview");
            return;
        }
        Environment environment = found.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String reason = "branch " + deleted.branch() + " was deleted";
        Stream.concat(deployments.lockWaiting(environment).stream(), deployments.lockQueued(environment).stream())
                .forEach(d -> cancel(d, reason, now));
        environment.teardownRequestedAt = now;
        environment.teardownReason = reason;
        worker.wakeAfterCommit();
    }

    // EnvironmentTornDown tells the story; these never started, so no event of their own
    private static void cancel(Deployment d, String reason, OffsetDateTime now) {
        d.status = DeploymentStatus.SUPERSEDED;
        d.reason = reason;
        d.finishedAt = now;
    }
}

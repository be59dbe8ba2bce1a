package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A deleted branch or a closed pull request takes its preview environment with it: what waits there is superseded
 * and {@link DeployWorker} tears the environment down in its lane (after a deploy in flight). Named environments
 * are never torn down.
 */
@ApplicationScoped
public class PreviewEndedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(PreviewEndedHandler.class);

    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final DeployWorker worker;
    private final Clock clock;

    public PreviewEndedHandler(EnvironmentRepository environments, DeploymentRepository deployments,
                                DeployWorker worker, Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BRANCH_DELETED, EventType.PULL_REQUEST_CLOSED);
    }

    @Override
    public void handle(Envelope<?> event) {
        String reason = event.data() instanceof PullRequestClosed closed
                ? "pull request #" + closed.number() + " was " + (closed.merged() ? "merged" : "closed")
                : "branch " + ((BranchDeleted) event.data()).branch() + " was deleted";
        String app = event.data().app();
        Optional<Environment> found = environments.lock(app, event.data().environment());
        if (found.isEmpty() || !found.get().preview) {
            LOG.infof("%s of %s; %s is %s, nothing to tear down", reason, app, event.data().environment(),
                    found.isEmpty() ? "unknown here" : "not a preview");
            return;
        }
        Environment environment = found.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
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

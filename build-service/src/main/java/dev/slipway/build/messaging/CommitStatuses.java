package dev.slipway.build.messaging;

import dev.slipway.build.config.BuildConfig;
import dev.slipway.build.domain.BuildOutcome;
import dev.slipway.build.domain.CommitStatus;
import dev.slipway.build.domain.ComponentResult;
import dev.slipway.build.domain.GitHubStatusClient;
import dev.slipway.build.domain.StatusDelivery;
import dev.slipway.build.domain.StatusPlan;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.QueuedStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Queues a build's commit statuses for GitHub (FR-002) in the caller's transaction, the one that records what
 * they report, so a status is never lost nor sent for a change that rolled back; {@link CommitStatusSender}
 * sends them. Without a GitHub token, for a repository that is not GitHub's {@code owner/name} or for a commit id
 * that is not a full SHA, nothing is queued and {@link #skipped} says why.
 */
@ApplicationScoped
public class CommitStatuses {
    private static final Logger LOG = Logger.getLogger(CommitStatuses.class);

    private final BuildConfig config;
    private final Clock clock;
    private final Event<StatusQueued> queued;

    public CommitStatuses(BuildConfig config, Clock clock, Event<StatusQueued> queued) {
        this.config = config;
        this.clock = clock;
        this.queued = queued;
    }

    /** Fired when statuses were queued; the sender wakes once the transaction commits. */
    public record StatusQueued() {
    }

    /** Why a build's statuses are not sent, for its log; null when they are. */
    public String skipped(BuildJob job) {
        if (config.github().token().isEmpty()) {
            return "commit statuses: no GitHub token is configured (slipway.build.github.token), so this build"
                    + " sets none on GitHub";
        }
        if (!GitHubStatusClient.isRepository(job.repository)) {
            return "commit statuses: repository '" + job.repository + "' is not a GitHub owner/name, so this build"
                    + " sets none on GitHub";
        }
        if (!GitHubStatusClient.isCommitSha(job.commitSha)) {
            return "commit statuses: '" + job.commitSha + "' is not a full commit SHA (40 or 64 lowercase hex digits),"
                    + " so this build sets none on GitHub";
        }
        return null;
    }

    /** The build's log, where its statuses link to. */
    public String targetUrl(long number) {
        String base = config.publicUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/builds/" + number + "/log";
    }

    public void started(BuildJob job) {
        String skipped = skipped(job);
        if (skipped != null && config.github().token().isPresent()) {
            // without a token the service said so once at startup; this is about one build
            LOG.warnf("build %d: %s", job.number, skipped);
        }
        queue(job, List.of(StatusPlan.started(job.number, targetUrl(job.number))));
    }

    public void configured(BuildJob job, List<String> components) {
        queue(job, StatusPlan.configured(job.number, components, targetUrl(job.number)));
    }

    public void componentBuilt(BuildJob job, ComponentResult component) {
        queue(job, List.of(StatusPlan.componentBuilt(component, targetUrl(job.number))));
    }

    public void finished(BuildJob job, BuildOutcome outcome) {
        queue(job, StatusPlan.finished(job.number, outcome, QueuedStatus.openContexts(job.number), targetUrl(job.number)));
    }

    public void cancelled(BuildJob job, String supersededBy) {
        queue(job, StatusPlan.cancelled(supersededBy, QueuedStatus.openContexts(job.number), targetUrl(job.number)));
    }

    public void stopped(BuildJob job, String reason) {
        queue(job, StatusPlan.stopped(reason, QueuedStatus.openContexts(job.number), targetUrl(job.number)));
    }

    private void queue(BuildJob job, List<CommitStatus> statuses) {
        if (statuses.isEmpty() || skipped(job) != null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (CommitStatus status : statuses) {
            QueuedStatus row = new QueuedStatus();
            row.buildNumber = job.number;
            row.repository = job.repository;
            row.commitSha = job.commitSha;
            row.context = status.context();
            row.state = status.state();
            row.description = status.description();
            row.targetUrl = status.targetUrl();
            row.delivery = StatusDelivery.QUEUED;
            row.nextAttemptAt = now;
            row.queuedAt = now;
            row.persist();
        }
        queued.fire(new StatusQueued());
    }
}

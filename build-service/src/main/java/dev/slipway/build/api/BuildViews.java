package dev.slipway.build.api;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.domain.StepStatus;
import dev.slipway.build.persistence.BuildComponent;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;

import java.time.OffsetDateTime;
import java.util.List;

/** What the builds API answers. The clone URL is left out: it may carry credentials. */
final class BuildViews {

    private BuildViews() {
    }

    record BuildSummary(long number, BuildStatus status, String app, String environment, String branch, String commitSha,
                        OffsetDateTime queuedAt, OffsetDateTime finishedAt, String failureReason) {
        static BuildSummary of(BuildJob job) {
            return new BuildSummary(job.number, job.status, job.app, job.environment, job.branch, job.commitSha,
                    job.queuedAt, job.finishedAt, job.failureReason);
        }
    }

    /**
     * @param pullRequest  the pull request the build runs for; null for a push to a branch
     * @param failure      null unless the build failed
     * @param cancellation null unless the build was cancelled
     */
    record BuildDetail(long number, BuildStatus status, String app, String environment, String repository, String branch,
                       String commitSha, String commitMessage, String pusher, Integer pullRequest, int attempts,
                       OffsetDateTime queuedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Failure failure,
                       Cancellation cancellation, List<StepView> steps, List<ComponentView> components) {
        static BuildDetail of(BuildJob job, List<BuildStep> steps, List<BuildComponent> components) {
            Failure failure = job.failedStep == null ? null : new Failure(job.failedStep, job.failedComponent, job.failureReason);
            Cancellation cancellation = job.status == BuildStatus.CANCELLED
                    ? new Cancellation(job.cancelReason, job.supersededBy) : null;
            return new BuildDetail(job.number, job.status, job.app, job.environment, job.repository, job.branch,
                    job.commitSha, job.commitMessage, job.pusher, job.pullRequest, job.attempts, job.queuedAt,
                    job.startedAt, job.finishedAt, failure, cancellation, steps.stream().map(StepView::of).toList(),
                    components.stream().map(ComponentView::of).toList());
        }
    }

    /** @param component null when the failure is not a component's */
    record Failure(String step, String component, String reason) {
    }

    /** @param supersededBy the commit whose build replaced this one */
    record Cancellation(String reason, String supersededBy) {
    }

    record StepView(String component, String step, StepStatus status, Integer exitCode, OffsetDateTime startedAt,
                    OffsetDateTime finishedAt, Long durationMs, String reason) {
        static StepView of(BuildStep step) {
            return new StepView(step.component, step.step, step.status, step.exitCode, step.startedAt, step.finishedAt,
                    step.duration == null ? null : step.duration.toMillis(), step.reason);
        }
    }

    record Health(String path, int expectedStatus) {
    }

    /** @param image the pushed container image, {@code registry/name@sha256:<hex>}; null when none */
    record ComponentView(String name, String kind, String artifactDigest, long artifactSize, Double coverage, Health health,
                         String image) {
        static ComponentView of(BuildComponent c) {
            return new ComponentView(c.name, c.kind, c.artifactDigest, c.artifactSize, c.coverage,
                    c.healthPath == null ? null : new Health(c.healthPath, c.healthStatus), c.image);
        }
    }
}

package dev.slipway.notify.domain;

import dev.slipway.events.BranchDeleted;
import dev.slipway.events.BuildCancelled;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.PromoteRefused;
import dev.slipway.events.PromoteRequested;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.PushReceived;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.RollbackStarted;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line, in plain words, of what a pipeline event says, for incident timelines; and the release version its
 * data names, if any. A type not described here yet gets its type name ({@code EventSummaryTest} fails until it is
 * described), so a new event type never stops the recording.
 */
public final class EventSummary {
    /** A summary is one line for a timeline, not the whole story; the event's data is kept beside it. */
    static final int MAX_LENGTH = 300;

    private EventSummary() {
    }

    public static String of(PipelineEvent data) {
        return oneLine(describe(data));
    }

    /** The release version the event is about: Deploy* and Health* events have one; null for the others. */
    public static Long versionOf(PipelineEvent data) {
        return switch (EventType.of(data.getClass())) {
            case DEPLOY_REQUESTED -> ((DeployRequested) data).version();
            case DEPLOY_WAITING -> ((DeployWaiting) data).version();
            case DEPLOY_STARTED -> ((DeployStarted) data).version();
            case DEPLOY_SUCCEEDED -> ((DeploySucceeded) data).version();
            case DEPLOY_FAILED -> ((DeployFailed) data).version();
            case DEPLOY_SUPERSEDED -> ((DeploySuperseded) data).version();
            case HEALTH_PASSED -> ((HealthPassed) data).version();
            case HEALTH_FAILED -> ((HealthFailed) data).version();
            default -> null;
        };
    }

    private static String describe(PipelineEvent data) {
        return switch (EventType.of(data.getClass())) {
            case PUSH_RECEIVED -> {
                PushReceived p = (PushReceived) data;
                yield "push to " + p.branch() + " by " + p.pusher()
                        + (p.commitMessage() == null || p.commitMessage().isBlank() ? "" : ": " + firstLine(p.commitMessage()))
                        + (p.preview() ? " (preview)" : "");
            }
            case BRANCH_DELETED -> {
                BranchDeleted b = (BranchDeleted) data;
                yield "branch " + b.branch() + " deleted" + (b.preview() ? "; its preview environment goes" : "");
            }
            case PULL_REQUEST_CLOSED -> {
                PullRequestClosed p = (PullRequestClosed) data;
                yield "pull request #" + p.number() + " of " + p.repository() + (p.merged() ? " merged" : " closed")
                        + "; its preview environment goes";
            }
            case BUILD_STARTED -> {
                BuildStarted b = (BuildStarted) data;
                yield "build #" + b.buildNumber() + " of " + b.branch() + " started";
            }
            case BUILD_SUCCEEDED -> {
                BuildSucceeded b = (BuildSucceeded) data;
                yield "build #" + b.buildNumber() + " succeeded"
                        + (b.components().isEmpty() ? "" : ": " + b.components().stream().map(BuiltComponent::name)
                        .collect(Collectors.joining(", ")));
            }
            case BUILD_FAILED -> {
                BuildFailed b = (BuildFailed) data;
                yield "build #" + b.buildNumber() + " failed at " + b.step()
                        + (b.component() == null ? "" : " of " + b.component()) + ": " + b.reason();
            }
            case BUILD_CANCELLED -> {
                BuildCancelled b = (BuildCancelled) data;
                yield "build #" + b.buildNumber() + " of " + b.branch() + " cancelled: " + (b.reason() != null ? b.reason()
                        : "superseded by commit " + NotificationText.shortSha(b.supersededBy()));
            }
            case DEPLOY_REQUESTED -> {
                DeployRequested d = (DeployRequested) data;
                yield "version " + d.version() + " queued (build #" + d.buildNumber() + ", " + d.target() + " target)"
                        + (d.trigger() == null ? "" : ": " + d.trigger());
            }
            case DEPLOY_WAITING -> {
                DeployWaiting d = (DeployWaiting) data;
                yield "version " + d.version() + " waits: " + d.reason();
            }
            case DEPLOY_STARTED -> {
                DeployStarted d = (DeployStarted) data;
                yield "version " + d.version() + " deploying (" + d.target() + " target)";
            }
            case DEPLOY_SUCCEEDED -> {
                DeploySucceeded d = (DeploySucceeded) data;
                yield "version " + d.version() + " live" + (d.took() == null ? "" : " after " + NotificationText.human(d.took()))
                        + (d.url() == null ? "" : " at " + d.url());
            }
            case DEPLOY_FAILED -> {
                DeployFailed d = (DeployFailed) data;
                yield "version " + d.version() + " failed to deploy: " + d.reason();
            }
            case DEPLOY_SUPERSEDED -> {
                DeploySuperseded d = (DeploySuperseded) data;
                yield "version " + d.version() + " superseded by version " + d.supersededBy();
            }
            case ROLLBACK_REQUESTED -> {
                RollbackRequested r = (RollbackRequested) data;
                yield "rollback to " + (r.toVersion() == null ? "the previous version" : "version " + r.toVersion())
                        + (r.fromVersion() == null ? "" : " (if version " + r.fromVersion() + " is still live)")
                        + " requested by " + (r.requestedBy() == null ? "someone unnamed" : r.requestedBy())
                        + (r.reason() == null ? "" : ": " + r.reason());
            }
            case PROMOTE_REQUESTED -> {
                PromoteRequested p = (PromoteRequested) data;
                yield "promotion of " + (p.fromVersion() == null ? "what is live in " + p.fromEnvironment()
                        : "version " + p.fromVersion() + " of " + p.fromEnvironment())
                        + " requested by " + (p.requestedBy() == null ? "someone unnamed" : p.requestedBy())
                        + (p.reason() == null ? "" : ": " + p.reason());
            }
            case ROLLBACK_STARTED -> {
                RollbackStarted r = (RollbackStarted) data;
                yield "rolling back from version " + r.fromVersion() + " to version " + r.toVersion();
            }
            case ROLLBACK_COMPLETED -> {
                RollbackCompleted r = (RollbackCompleted) data;
                yield "rolled back from version " + r.fromVersion() + " to version " + r.toVersion()
                        + (r.took() == null ? "" : ", switch took " + NotificationText.human(r.took()));
            }
            case ROLLBACK_FAILED -> {
                RollbackFailed r = (RollbackFailed) data;
                yield "rollback" + (r.toVersion() == null ? "" : " to version " + r.toVersion()) + " failed: " + r.reason();
            }
            case PROMOTE_REFUSED -> {
                PromoteRefused p = (PromoteRefused) data;
                yield "promotion from " + p.fromEnvironment() + " refused: " + p.reason();
            }
            case ENVIRONMENT_TORN_DOWN -> "environment torn down: " + ((EnvironmentTornDown) data).reason();
            case HEALTH_PASSED -> {
                HealthPassed h = (HealthPassed) data;
                yield "version " + h.version() + " healthy (" + h.observations().size()
                        + (h.observations().size() == 1 ? " check" : " checks") + " passed)";
            }
            case HEALTH_FAILED -> {
                HealthFailed h = (HealthFailed) data;
                List<CheckObservation> failing = h.observations().stream().filter(o -> !o.passed()).toList();
                yield "version " + h.version() + " unhealthy: " + failing.stream()
                        .map(o -> o.component() + ": " + (o.error() != null ? o.error()
                                : "expected status " + o.expectedStatus() + ", got " + o.status()))
                        .collect(Collectors.joining("; "));
            }
            default -> generic(data);
        };
    }

    /** What an event type not described here yet gets: its name, e.g. {@code DeployPaused}. */
    static String generic(PipelineEvent data) {
        return data.getClass().getSimpleName();
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH - 1) + "…" : line;
    }
}

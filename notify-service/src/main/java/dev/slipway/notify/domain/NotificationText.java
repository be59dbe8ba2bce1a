package dev.slipway.notify.domain;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.PipelineEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The message of a pipeline event: what happened, where, which commit, and what a person needs to act on. The same
 * words for every channel, in Slack's markup ({@link TextFormat#SLACK}: pipeline text escaped as mrkdwn requires,
 * {@code & < >}) or as plain text. Rollbacks are announced by their incident report ({@link IncidentText}).
 */
public final class NotificationText {
    /** Enough of a failing step's log to see the error without flooding the channel. */
    static final int LOG_LINES = 20;
    /** Enough of a failing health check's answer to see the error; incident reports keep all of it. */
    static final int OUTPUT_CHARS = 300;
    /** A failed deploy's reason: its first line in the sentence, then at most this many more in a block. */
    static final int REASON_LINES = 8;
    private static final int LINE_CHARS = 300;

    private NotificationText() {
    }

    /** The Slack text, with the duration a DeploySucceeded carries; empty for events that are not announced. */
    public static Optional<String> render(Envelope<?> event) {
        return render(event, TextFormat.SLACK, deployTook(event, null));
    }

    /**
     * Everything every channel needs to announce {@code event}; empty for events that are not announced.
     *
     * @param history where a deploy's start is looked up when its DeploySucceeded carries no duration
     */
    public static Optional<Notification> notification(Envelope<?> event, EventHistory history) {
        EventType type = event.type();
        Optional<NotificationKind> kind = NotificationKind.of(type);
        Duration took = deployTook(event, history);
        Optional<String> slack = render(event, TextFormat.SLACK, took);
        if (kind.isEmpty() || slack.isEmpty()) {
            return Optional.empty();
        }
        PipelineEvent data = event.data();
        return Optional.of(new Notification(event.metadata().id(), type.type(), kind.get(), data.app(),
                data.environment(), EventSummary.versionOf(data), event.metadata().commitSha(), event.metadata().time(),
                subject(event), slack.get(), render(event, TextFormat.PLAIN, took).orElseThrow(), null));
    }

    /**
     * How long the deploy took, from its DeployStarted to its DeploySucceeded: as deploy-service measured it, else
     * from the DeployStarted notify-service recorded. Null when neither is known or for other events.
     */
    static Duration deployTook(Envelope<?> event, EventHistory history) {
        if (!(event.data() instanceof DeploySucceeded deployed)) {
            return null;
        }
        if (deployed.took() != null || history == null) {
            return deployed.took();
        }
        return history.latest(deployed.app(), deployed.environment(), EventType.DEPLOY_STARTED, deployed.version())
                .map(started -> Duration.between(started.time(), event.metadata().time()))
                .filter(d -> !d.isNegative())
                .orElse(null);
    }

    static Optional<String> render(Envelope<?> event, TextFormat f, Duration deployTook) {
        PipelineEvent data = event.data();
        String where = f.escape(data.app() + "/" + data.environment());
        String commit = "commit " + f.escape(shortSha(event.metadata().commitSha()));
        if (data instanceof BuildFailed failed) {
            return Optional.of(buildFailed(failed, where, commit, f));
        }
        if (data instanceof DeployStarted started) {
            return Optional.of("🚀 " + where + ": deploying version " + started.version() + ", " + commit
                    + (started.target() == null ? "" : " (" + f.escape(started.target()) + " target)"));
        }
        if (data instanceof DeploySucceeded deployed) {
            return Optional.of("✅ " + where + " is live: version " + deployed.version() + ", " + commit
                    + (deployTook == null ? "" : ", took " + human(deployTook))
                    + (deployed.url() == null ? "" : " — " + f.link(deployed.url())));
        }
        if (data instanceof DeployFailed failed) {
            return Optional.of(deployFailed(failed, where, commit, f));
        }
        if (data instanceof HealthFailed failed) {
            return Optional.of(healthFailed(failed, where, commit, f));
        }
        if (data instanceof DeployWaiting waiting) {
            return Optional.of("⏳ " + where + ": version " + waiting.version() + " is waiting, " + commit + " — "
                    + f.escape(waiting.reason()) + ". It deploys on its own once that is met, unless a newer release"
                    + " replaces it.");
        }
        if (data instanceof EnvironmentTornDown torn) {
            return Optional.of("🧹 " + where + " was torn down — " + f.escape(torn.reason())
                    + ". Its processes and routes are gone; its history is kept.");
        }
        return Optional.empty();
    }

    /** The email subject: one line naming where, what and which commit. */
    static String subject(Envelope<?> event) {
        PipelineEvent data = event.data();
        String where = data.app() + "/" + data.environment();
        String commit = " (commit " + shortSha(event.metadata().commitSha()) + ")";
        return switch (event.type()) {
            case BUILD_FAILED -> {
                BuildFailed b = (BuildFailed) data;
                yield where + ": build #" + b.buildNumber() + " failed at " + b.step() + commit;
            }
            case DEPLOY_STARTED -> where + ": deploying version " + ((DeployStarted) data).version() + commit;
            case DEPLOY_SUCCEEDED -> where + ": version " + ((DeploySucceeded) data).version() + " is live" + commit;
            case DEPLOY_FAILED -> where + ": deploy of version " + ((DeployFailed) data).version() + " failed" + commit;
            case DEPLOY_WAITING -> where + ": version " + ((DeployWaiting) data).version() + " is waiting" + commit;
            case HEALTH_FAILED -> where + ": version " + ((HealthFailed) data).version() + " failed its health check"
                    + commit;
            case ENVIRONMENT_TORN_DOWN -> where + " was torn down";
            default -> where + ": " + EventSummary.of(data);
        };
    }

    private static String buildFailed(BuildFailed failed, String where, String commit, TextFormat f) {
        String at = f.escape(failed.step()) + (failed.component() == null ? "" : " of " + f.escape(failed.component()));
        StringBuilder text = new StringBuilder("❌ ").append(where).append(": build #").append(failed.buildNumber())
                .append(" failed at ").append(at).append(" — ").append(f.escape(failed.reason())).append(", ")
                .append(commit).append(" on ").append(f.escape(failed.branch())).append(" (")
                .append(f.escape(failed.repository())).append(")");
        List<String> log = failed.logTail();
        if (!log.isEmpty()) {
            List<String> last = log.subList(Math.max(0, log.size() - LOG_LINES), log.size());
            text.append("\n```\n").append(last.stream().map(f::escape).collect(Collectors.joining("\n")))
                    .append("\n```");
        }
        return text.toString();
    }

    /** The reason's first line in the sentence; a multi-line reason (a migration's error) shows its next lines too. */
    private static String deployFailed(DeployFailed failed, String where, String commit, TextFormat f) {
        List<String> lines = failed.reason() == null ? List.of()
                : failed.reason().strip().lines().filter(l -> !l.isBlank()).toList();
        String first = lines.isEmpty() ? "no reason given" : shorten(lines.get(0).strip(), LINE_CHARS);
        StringBuilder text = new StringBuilder("❌ ").append(where).append(": deploy of version ")
                .append(failed.version()).append(" failed — ").append(f.escape(first)).append(", ").append(commit)
                .append(". The environment keeps serving its previous release.");
        if (lines.size() > 1) {
            List<String> more = lines.subList(1, Math.min(lines.size(), 1 + REASON_LINES));
            text.append("\n```\n").append(more.stream().map(l -> block(l.stripTrailing(), LINE_CHARS, f))
                    .collect(Collectors.joining("\n")));
            if (lines.size() > 1 + REASON_LINES) {
                int left = lines.size() - 1 - REASON_LINES;
                text.append("\n… ").append(left).append(left == 1 ? " more line" : " more lines");
            }
            text.append("\n```");
        }
        return text.toString();
    }

    private static String healthFailed(HealthFailed failed, String where, String commit, TextFormat f) {
        List<CheckObservation> failing = failed.observations().stream().filter(o -> !o.passed()).toList();
        StringBuilder text = new StringBuilder("🚨 ").append(where).append(": version ").append(failed.version())
                .append(" failed its health check").append(failing.size() == 1 ? "" : "s").append(", ").append(commit)
                .append(" (").append(failing.size()).append(" of ").append(failed.observations().size())
                .append(" failing)");
        for (CheckObservation o : failing) {
            text.append("\n• ").append(f.escape(o.component())).append(" ").append(f.escape(o.url()))
                    .append(": expected status ").append(o.expectedStatus()).append(", ")
                    .append(o.status() == null ? "no answer" : "got " + o.status());
            if (o.status() == null && o.error() != null) {
                text.append(" (").append(f.escape(o.error())).append(")");
            }
            text.append(" — ").append(o.latency() == null ? "" : human(o.latency()) + ", ")
                    .append(o.attempts()).append(o.attempts() == 1 ? " attempt" : " attempts");
            if (o.output() != null && !o.output().isBlank()) {
                text.append("\n```\n").append(excerpt(o.output(), OUTPUT_CHARS, f)).append("\n```");
            }
        }
        return text.toString();
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** 8 ms, 2.5 s, 3 min 5 s. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " s";
        }
        long seconds = duration.toSeconds();
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    /** The start of pipeline output for a code block: shortened, escaped, and unable to close the block. */
    static String excerpt(String output, int maxChars, TextFormat f) {
        return block(output.strip(), maxChars, f);
    }

    private static String block(String text, int maxChars, TextFormat f) {
        return f.escape(shorten(text, maxChars)).replace("```", "`\u200b`\u200b`");
    }

    private static String shorten(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) + "…" : text;
    }
}

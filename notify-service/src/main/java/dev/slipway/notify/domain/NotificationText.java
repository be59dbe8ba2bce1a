package dev.slipway.notify.domain;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.Envelope;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.PipelineEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Slack text of a pipeline event: what happened, where, which commit, and what a person needs to act on.
 * Text from the pipeline is escaped as Slack's mrkdwn requires ({@code & < >}).
 */
public final class NotificationText {
    /** Enough of a failing step's log to see the error without flooding the channel. */
    static final int LOG_LINES = 20;
    /** Enough of a failing health check's answer to see the error; incident reports keep all of it. */
    static final int OUTPUT_CHARS = 300;

    private NotificationText() {
    }

    /** @return empty for events that are not announced */
    public static Optional<String> render(Envelope<?> event) {
        PipelineEvent data = event.data();
        String where = escape(data.app() + "/" + data.environment());
        String commit = "commit " + escape(shortSha(event.metadata().commitSha()));
        if (data instanceof BuildFailed failed) {
            return Optional.of(buildFailed(failed, where, commit));
        }
        if (data instanceof DeploySucceeded deployed) {
            return Optional.of(deploySucceeded(deployed, where, commit));
        }
        if (data instanceof DeployFailed failed) {
            return Optional.of("❌ " + where + ": deploy of version " + failed.version() + " failed — "
                    + escape(failed.reason()) + ", " + commit + ". The environment keeps serving its previous release.");
        }
        if (data instanceof HealthFailed failed) {
            return Optional.of(healthFailed(failed, where, commit));
        }
        if (data instanceof DeployWaiting waiting) {
            return Optional.of("⏳ " + where + ": version " + waiting.version() + " is waiting, " + commit + " — "
                    + escape(waiting.reason()) + ". It deploys on its own once that is met, unless a newer release"
                    + " replaces it.");
        }
        if (data instanceof EnvironmentTornDown torn) {
            return Optional.of("🧹 " + where + " was torn down — " + escape(torn.reason())
                    + ". Its processes and routes are gone; its history is kept.");
        }
        return Optional.empty();
    }

    private static String buildFailed(BuildFailed failed, String where, String commit) {
        String at = escape(failed.step()) + (failed.component() == null ? "" : " of " + escape(failed.component()));
        StringBuilder text = new StringBuilder("❌ ").append(where).append(": build #").append(failed.buildNumber())
                .append(" failed at ").append(at).append(" — ").append(escape(failed.reason())).append(", ")
                .append(commit).append(" on ").append(escape(failed.branch())).append(" (")
                .append(escape(failed.repository())).append(")");
        List<String> log = failed.logTail();
        if (!log.isEmpty()) {
            List<String> last = log.subList(Math.max(0, log.size() - LOG_LINES), log.size());
            text.append("\n```\n").append(last.stream().map(NotificationText::escape)
                    .collect(Collectors.joining("\n"))).append("\n```");
        }
        return text.toString();
    }

    private static String deploySucceeded(DeploySucceeded deployed, String where, String commit) {
        return "✅ " + where + " is live: version " + deployed.version() + ", " + commit
                + (deployed.took() == null ? "" : ", took " + human(deployed.took()))
                + (deployed.url() == null ? "" : " — <" + deployed.url() + ">");
    }

    private static String healthFailed(HealthFailed failed, String where, String commit) {
        List<CheckObservation> failing = failed.observations().stream().filter(o -> !o.passed()).toList();
        StringBuilder text = new StringBuilder("🚨 ").append(where).append(": version ").append(failed.version())
                .append(" failed its health check").append(failing.size() == 1 ? "" : "s").append(", ").append(commit)
                .append(" (").append(failing.size()).append(" of ").append(failed.observations().size())
                .append(" failing)");
        for (CheckObservation o : failing) {
            text.append("\n• ").append(escape(o.component())).append(" ").append(escape(o.url()))
                    .append(": expected status ").append(o.expectedStatus()).append(", ")
                    .append(o.status() == null ? "no answer" : "got " + o.status());
            if (o.status() == null && o.error() != null) {
                text.append(" (").append(escape(o.error())).append(")");
            }
            text.append(" — ").append(o.latency() == null ? "" : human(o.latency()) + ", ")
                    .append(o.attempts()).append(o.attempts() == 1 ? " attempt" : " attempts");
            if (o.output() != null && !o.output().isBlank()) {
                text.append("\n```\n").append(excerpt(o.output(), OUTPUT_CHARS)).append("\n```");
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
    static String excerpt(String output, int maxChars) {
        String start = output.strip();
        if (start.length() > maxChars) {
            start = start.substring(0, maxChars) + "…";
        }
        return escape(start).replace("```", "`\u200b`\u200b`");
    }

    /** Slack reads {@code & < >} as markup; pipeline text must show as written. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

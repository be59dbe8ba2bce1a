package dev.slipway.notify.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.slipway.notify.domain.NotificationText.human;
import static dev.slipway.notify.domain.NotificationText.shortSha;

/**
 * The message of an incident report: the headline, why, the versions, the durations, the failing check with the
 * start of its output, and the timeline as a short list; in Slack's mrkdwn or as plain text (email, webhooks), the
 * same words. The whole report is in the API; the message stays short enough to read and under Slack's limits.
 */
public final class IncidentText {
    /**
     * Slack truncates a message's {@code text} at 40,000 characters, asked for messages under 4,000 before, and may
     * split long messages into several (https://api.slack.com/changelog/2018-04-truncating-really-long-messages).
     * An incident is one message: it stays under 4,000.
     */
    public static final int MAX_LENGTH = 4000;
    /** Enough of a failing answer's body to see the error; the API has all of it. */
    static final int OUTPUT_CHARS = 500;
    static final int MAX_CHECKS = 2;
    /** Timeline entries shown; a longer timeline shows its start and its end. */
    static final int MAX_TIMELINE = 20;
    static final int TIMELINE_HEAD = 5;
    private static final int LINE_CHARS = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private IncidentText() {
    }

    /** The Slack message. */
    public static String render(IncidentReport report) {
        return render(report, TextFormat.SLACK);
    }

    public static String render(IncidentReport report, TextFormat f) {
        String head = f.alarm() + " Incident #" + report.incidentId() + " "
                + f.escape(report.app() + "/" + report.environment()) + ": " + f.escape(report.headline()) + " ("
                + (report.automatic() ? "automatic: health check failed" : f.escape(report.trigger())) + ")";
        List<String> body = new ArrayList<>();
        if (report.reason() != null) {
            body.add(f.bold("Reason:") + " " + text(report.reason(), f));
        }
        if (!report.restored()) {
            body.add(f.bold("Not restored:") + " " + text(report.failure(), f)
                    + (report.from() == null ? "" : " — the environment keeps serving v" + report.from().version()));
        }
        versions(report, f).ifPresent(body::add);
        durations(report.durations(), f).ifPresent(body::add);
        List<String> outputs = new ArrayList<>();
        if (report.failingChecks() != null) {
            IncidentReport.FailingChecks failing = report.failingChecks();
            body.add(f.bold("Failing check" + (failing.checks().size() == 1 ? "" : "s")) + " (v" + failing.version()
                    + ", " + TIME.format(utc(failing.at())) + " UTC):");
            for (IncidentReport.Check check : failing.checks().subList(0, Math.min(MAX_CHECKS, failing.checks().size()))) {
                body.add("• " + check(check, f));
                if (check.output() != null && !check.output().isBlank()) {
                    String block = "```\n" + output(check.output(), f) + "\n```";
                    outputs.add(block);
                    body.add(block);
                }
            }
            if (failing.checks().size() > MAX_CHECKS) {
                body.add("• … and " + (failing.checks().size() - MAX_CHECKS) + " more failing checks");
            }
        }
        report.notes().forEach(note -> body.add(f.italic("Note:") + " " + text(note, f)));
        String footer = "Full report: GET /api/incidents/" + report.incidentId();

        List<String> timeline = timeline(report.timeline(), f);
        String timelineTitle = f.bold("Timeline") + " (UTC" + (sameDay(report.timeline())
                ? ", " + utc(report.timeline().get(0).time()).toLocalDate() : "") + "):";
        String text = fit(head, body, timelineTitle, timeline, footer);
        if (text.length() > MAX_LENGTH) {
            body.removeAll(outputs);
            text = fit(head, body, timelineTitle, timeline, footer);
        }
        if (text.length() > MAX_LENGTH) {
            String start = String.join("\n", head, String.join("\n", body));
            text = start.substring(0, MAX_LENGTH - footer.length() - 3) + "…\n" + footer;
        }
        return text;
    }

    /** The email subject: which incident, where, and what happened. */
    public static String subject(IncidentReport report) {
        return "Incident #" + report.incidentId() + " " + report.app() + "/" + report.environment() + ": "
                + report.headline();
    }

    /** The message of an incident whose report could not be built: the rollback still gets announced. */
    public static String withoutReport(long incidentId, String app, String environment, boolean restored,
                                       Long fromVersion, Long toVersion, String failure, String error, TextFormat f) {
        return f.alarm() + " Incident #" + incidentId + " " + f.escape(app + "/" + environment) + ": "
                + what(restored, fromVersion, toVersion, failure, f) + "\n" + f.italic("Note:")
                + " the report could not be built (" + text(error, f) + "); see GET /api/incidents/" + incidentId;
    }

    /** The subject of an incident whose report could not be built. */
    public static String subjectWithoutReport(long incidentId, String app, String environment, boolean restored,
                                              Long fromVersion, Long toVersion, String failure) {
        return "Incident #" + incidentId + " " + app + "/" + environment + ": "
                + what(restored, fromVersion, toVersion, failure, TextFormat.PLAIN);
    }

    private static String what(boolean restored, Long fromVersion, Long toVersion, String failure, TextFormat f) {
        return restored ? "rolled back v" + fromVersion + " → v" + toVersion : "rollback failed — " + text(failure, f);
    }

    /** The text with as much of the timeline as fits: its start and its end, the middle counted. */
    private static String fit(String head, List<String> body, String timelineTitle, List<String> timeline, String footer) {
        int n = timeline.size();
        int first = Math.min(TIMELINE_HEAD, n);
        int last = Math.min(n - first, MAX_TIMELINE - first);
        while (true) {
            List<String> lines = new ArrayList<>();
            lines.add(head);
            lines.addAll(body);
            if (n > 0) {
                lines.add(timelineTitle);
                lines.addAll(timeline.subList(0, first));
                if (first + last < n) {
                    lines.add("• … " + (n - first - last) + " more");
                }
                lines.addAll(timeline.subList(n - last, n));
            }
            lines.add(footer);
            String text = String.join("\n", lines);
            if (text.length() <= MAX_LENGTH || first + last == 0) {
                return text;
            }
            if (last > first) {
                last--;
            } else {
                first--;
            }
        }
    }

    private static Optional<String> versions(IncidentReport report, TextFormat f) {
        if (report.from() == null && report.to() == null) {
            return Optional.empty();
        }
        String from = report.from() == null ? "unknown" : release(report.from(), f);
        if (report.restored()) {
            return Optional.of(f.bold("Versions:") + " " + from + " → " + release(report.to(), f));
        }
        return Optional.of(f.bold("Versions:") + " " + from + " stays live"
                + (report.attemptedVersion() == null ? "" : "; v" + report.attemptedVersion() + " was not restored"));
    }

    private static String release(IncidentReport.Release release, TextFormat f) {
        return "v" + release.version() + (release.commitSha() == null ? "" : " (commit " + f.escape(shortSha(release.commitSha())) + ")");
    }

    private static Optional<String> durations(IncidentReport.Durations d, TextFormat f) {
        List<String> parts = new ArrayList<>();
        if (d.releaseLeadTime() != null) {
            parts.add("lead time " + human(d.releaseLeadTime()) + " (" + startWord(d.leadTimeFrom()) + " → live)");
        }
        if (d.liveBeforeFailure() != null) {
            parts.add("live " + human(d.liveBeforeFailure()) + " before failing");
        }
        if (d.timeToRestore() != null) {
            parts.add("restored in " + human(d.timeToRestore()));
        }
        if (d.rollbackSwitch() != null) {
            parts.add("switch " + human(d.rollbackSwitch()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(f.bold("Durations:") + " " + String.join(" · ", parts));
    }

    private static String startWord(String eventType) {
        if (eventType == null) {
            return "start";
        }
        return switch (eventType) {
            case "PushReceived" -> "push";
            case "PromoteRequested" -> "promotion";
            default -> eventType;
        };
    }

    private static String check(IncidentReport.Check c, TextFormat f) {
        String seen = c.status() == null ? "no answer" : "got " + c.status();
        String error = c.error() == null || c.error().equals("expected status " + c.expectedStatus() + ", " + seen)
                ? "" : " (" + text(c.error(), f) + ")";
        return text(c.component(), f) + " " + text(c.url(), f) + ": expected status " + c.expectedStatus() + ", " + seen
                + error + " — " + (c.latency() == null ? "" : human(c.latency()) + ", ") + c.attempts()
                + (c.attempts() == 1 ? " attempt" : " attempts");
    }

    /** The start of a failing answer's body, escaped, and unable to close its code block. */
    static String output(String output, TextFormat f) {
        return NotificationText.excerpt(output, OUTPUT_CHARS, f);
    }

    private static List<String> timeline(List<IncidentReport.TimelineEntry> entries, TextFormat f) {
        DateTimeFormatter format = sameDay(entries) ? TIME : DATE_TIME;
        return entries.stream().map(e -> "• " + format.format(utc(e.time())) + " " + shortType(e.type())
                + " (" + text(e.source(), f) + "): " + text(e.summary(), f)).toList();
    }

    /** {@code dev.slipway.verify.health-failed.v1} → {@code verify.health-failed}. */
    static String shortType(String type) {
        String[] parts = type.split("\\.");
        return parts.length >= 3 ? parts[parts.length - 3] + "." + parts[parts.length - 2] : type;
    }

    private static boolean sameDay(List<IncidentReport.TimelineEntry> entries) {
        return !entries.isEmpty() && entries.stream().map(e -> utc(e.time()).toLocalDate()).distinct().count() == 1;
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Pipeline text, shortened to a line and escaped (shortened first, so no escape is cut in half). */
    private static String text(String raw, TextFormat f) {
        String line = raw == null ? "" : raw.strip();
        return f.escape(line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS - 1) + "…" : line);
    }
}

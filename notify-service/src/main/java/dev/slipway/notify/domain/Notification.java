package dev.slipway.notify.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One announcement, as every channel gets it: the same words in Slack's markup and in plain text, an email subject,
 * and the facts a webhook receiver reads as fields.
 *
 * @param eventId    the event it announces (for a rollback, the rollback's outcome); with a channel, one delivery
 * @param eventType  the CloudEvents type of that event
 * @param version    the release it is about; for a rollback the version restored; null when the event names none
 * @param commitSha  the commit the event carries; for a rollback the commit restored
 * @param occurredAt the status change: the event's time
 * @param incidentId the incident report it carries, for rollbacks
 */
public record Notification(String eventId, String eventType, NotificationKind kind, String app, String environment,
                           Long version, String commitSha, OffsetDateTime occurredAt, String subject, String slackText,
                           String plainText, Long incidentId) {
    static final String SUBJECT_PREFIX = "[Slipway] ";
    static final int MAX_SUBJECT = 200;

    public Notification {
        subject = oneLine(subject);
    }

    /** What a channel of {@code type} shows: Slack's text, the email's body, the webhook's {@code message}. */
    public String textFor(ChannelType type) {
        return switch (type) {
            case SLACK -> slackText;
            case EMAIL -> emailBody();
            case WEBHOOK -> plainText;
        };
    }

    /** The plain text, then the facts spelled out in full (the text shortens the commit). */
    String emailBody() {
        StringBuilder body = new StringBuilder(plainText).append("\n\n-- \n")
                .append("App: ").append(app).append('\n')
                .append("Environment: ").append(environment).append('\n');
        if (version != null) {
            body.append("Version: ").append(version).append('\n');
        }
        if (commitSha != null) {
            body.append("Commit: ").append(commitSha).append('\n');
        }
        body.append("Event: ").append(eventType).append(" at ")
                .append(DateTimeFormatter.ISO_INSTANT.format(occurredAt.withOffsetSameInstant(ZoneOffset.UTC)))
                .append(" (id ").append(eventId).append(")\n");
        return body.append("Sent by Slipway notify-service.\n").toString();
    }

    /** A header line: no line breaks (they would start other headers), and short enough for mail clients. */
    private static String oneLine(String subject) {
        String line = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        String prefixed = line.startsWith(SUBJECT_PREFIX) ? line : SUBJECT_PREFIX + line;
        return prefixed.length() > MAX_SUBJECT ? prefixed.substring(0, MAX_SUBJECT - 1) + "…" : prefixed;
    }
}

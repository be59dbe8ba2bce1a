package dev.slipway.notify.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The JSON a webhook channel receives, schema {@value #SCHEMA}. Fields are only ever added to it; a breaking change
 * is a new schema. Every key is always present, null when it does not apply.
 *
 * @param schema     {@value #SCHEMA}
 * @param deliveryId the same on every retry of this message to this channel (also in {@code X-Slipway-Delivery}):
 *                   receivers deduplicate on it
 * @param kind       e.g. {@code deploy-succeeded} (also in {@code X-Slipway-Event})
 * @param eventType  the CloudEvents type of the event announced, e.g. {@code dev.slipway.deploy.succeeded.v1}
 * @param eventId    the CloudEvents id of that event
 * @param version    the release; for {@code rolled-back} the version restored; null when the event names none
 * @param commitSha  the full commit SHA; for {@code rolled-back} the commit restored
 * @param occurredAt when the status changed (the event's time), ISO-8601 in UTC
 * @param subject    one line, as an email subject
 * @param message    the message as plain text, the same words Slack and email get
 * @param incidentId for {@code rolled-back} and {@code rollback-failed}: the report, at {@code GET /api/incidents/{id}}
 */
@JsonPropertyOrder({"schema", "deliveryId", "kind", "eventType", "eventId", "app", "environment", "version",
        "commitSha", "occurredAt", "subject", "message", "incidentId"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookPayload(String schema, String deliveryId, String kind, String eventType, String eventId,
                             String app, String environment, Long version, String commitSha, String occurredAt,
                             String subject, String message, Long incidentId) {
    public static final String SCHEMA = "slipway.notification.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static WebhookPayload of(String deliveryId, NotificationKind kind, String eventType, String eventId,
                                    String app, String environment, Long version, String commitSha,
                                    OffsetDateTime occurredAt, String subject, String message, Long incidentId) {
        return new WebhookPayload(SCHEMA, deliveryId, kind.id(), eventType, eventId, app, environment, version,
                commitSha, DateTimeFormatter.ISO_INSTANT.format(occurredAt.withOffsetSameInstant(ZoneOffset.UTC)),
                subject, message, incidentId);
    }

    /** Stable for one event and one channel, and revealing neither. */
    public static String deliveryId(String eventId, String channelId) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + channelId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The exact bytes that are sent and signed. */
    public byte[] body() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and numbers always serializes", e);
        }
    }
}

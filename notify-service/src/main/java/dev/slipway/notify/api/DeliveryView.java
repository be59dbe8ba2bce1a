package dev.slipway.notify.api;

import dev.slipway.notify.domain.DeliveryStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A delivery as {@code GET /api/deliveries} shows it.
 *
 * @param channel   the webhook URL masked to scheme and host; the URL itself is a secret
 * @param lastError why the last attempt did not deliver; for a FAILED delivery, why it was given up
 * @param incidentId the incident the message reports; null for an event's own message
 */
public record DeliveryView(long id, String eventId, String eventType, String app, String environment,
                           String channel, DeliveryStatus status, String text, String lastError,
                           OffsetDateTime createdAt, OffsetDateTime finishedAt, Long incidentId,
                           List<Attempt> attempts) {

    /** @param response the start of the webhook's answer body */
    public record Attempt(int attempt, OffsetDateTime attemptedAt, Integer httpStatus, String response,
                          long latencyMs, String error) {
    }
}

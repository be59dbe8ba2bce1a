package dev.slipway.notify.api;

import dev.slipway.notify.domain.ChannelType;
import dev.slipway.notify.domain.DeliveryStatus;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A delivery as {@code GET /api/deliveries} shows it.
 *
 * @param channel     the channel's name and masked target (a slack-webhook-urls URL: its scheme and host); URLs and
 *                    signing keys are secrets and never shown
 * @param channelType slack, email or webhook
 * @param text        what the channel was sent: Slack's mrkdwn, the email's body, the webhook payload's message
 * @param subject     the email subject (also in the webhook payload)
 * @param occurredAt  the status change announced (the event's time)
 * @param lastError   why the last attempt did not deliver; for a FAILED delivery, why it was given up
 * @param incidentId  the incident the message reports; null for an event's own message
 */
public record DeliveryView(long id, String eventId, String eventType, String app, String environment,
                           String channel, ChannelType channelType, DeliveryStatus status, String subject,
                           String text, String lastError, OffsetDateTime occurredAt, OffsetDateTime createdAt,
                           OffsetDateTime finishedAt, Long incidentId, List<Attempt> attempts) {

    /**
     * @param httpStatus null for email, and when no answer came
     * @param response   the start of the answer's body; for email the SMTP server's reply
     */
    public record Attempt(int attempt, OffsetDateTime attemptedAt, Integer httpStatus, String response,
                          long latencyMs, String error) {
    }
}

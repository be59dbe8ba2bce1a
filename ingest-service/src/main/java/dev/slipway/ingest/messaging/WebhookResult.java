package dev.slipway.ingest.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a handled delivery; the JSON body GitHub shows in the webhook's delivery log.
 *
 * @param pullRequest the number of the pull request a pull_request delivery is about; null for other events
 * @param action      the pull_request delivery's action (opened, synchronize, closed, …); null for other events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResult(@JsonIgnore int httpStatus, String status, String deliveryId, String eventId, String app,
                            String environment, String reason, String warning, Integer pullRequest, String action) {

    /** @param reason what the run does, for GitHub's delivery log; null for a push to a declared environment */
    static WebhookResult accepted(String deliveryId, String eventId, String app, String environment, String reason,
                                  String warning) {
        return new WebhookResult(202, "accepted", deliveryId, eventId, app, environment, reason, warning, null, null);
    }

    static WebhookResult ignored(String deliveryId, String reason) {
        return new WebhookResult(202, "ignored", deliveryId, null, null, null, reason, null, null, null);
    }

    /**
     * A delivery that names no repository: no secret can check it, so nothing is recorded or done, and the answer
     * says so.
     */
    public static WebhookResult withoutRepository(String deliveryId, String reason) {
        return new WebhookResult(200, "ignored", deliveryId, null, null, null, reason, null, null, null);
    }

    static WebhookResult pong(String deliveryId) {
        return new WebhookResult(200, "pong", deliveryId, null, null, null, null, null, null, null);
    }

    /** @param eventId the event the first copy emitted, if it emitted one */
    static WebhookResult duplicate(String deliveryId, String eventId) {
        return new WebhookResult(200, "duplicate", deliveryId, eventId, null, null,
                "delivery " + deliveryId + " was already handled", null, null, null);
    }

    /** This answer, saying which pull request and action it was about. */
    WebhookResult about(int number, String pullRequestAction) {
        return new WebhookResult(httpStatus, status, deliveryId, eventId, app, environment, reason, warning, number,
                pullRequestAction);
    }
}

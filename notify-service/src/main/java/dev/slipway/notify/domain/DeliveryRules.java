package dev.slipway.notify.domain;

import dev.slipway.platform.retry.RetryPolicy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What an attempt's outcome means for its delivery: delivered, retried after a while (transient, at most the retry
 * policy's attempts in all), or failed at once (permanent).
 * <ul>
 * <li>Slack (see shared/reference/slack/incoming-webhook-errors.transcribed.json): 200 is success; 429 is a rate
 * limit with {@code Retry-After} seconds (waited at most {@link #MAX_RETRY_AFTER}); 5xx and no answer are transient;
 * every other answer, the documented 4xx errors among them, is permanent.</li>
 * <li>A generic webhook: any 2xx is success; 429 (its {@code Retry-After} waited as Slack's is), 5xx and no answer
 * are transient; every other answer (4xx, and redirects, which are not followed) is permanent.</li>
 * <li>Email: accepted is success; a 4xx SMTP reply (mailbox busy, greylisting) and no reply are transient; a 5xx
 * reply (no such user, relaying denied) is permanent.</li>
 * </ul>
 */
public final class DeliveryRules {

    /** Slack's documented error bodies and what they mean, so a failed delivery says what to fix. */
    static final Map<String, String> DOCUMENTED_ERRORS = Map.of(
            "invalid_payload", "the request body could not be understood",
            "user_not_found", "the user named in the request does not exist",
            "action_prohibited", "the workspace restricts posting through this webhook",
            "channel_not_found", "the webhook's channel does not exist",
            "channel_is_archived", "the webhook's channel is archived",
            "rollup_error", "Slack had an internal error");

    /**
     * The longest {@code Retry-After} waited for. A receiver asking for more gets this wait, and the attempt counts as
     * failed like any transient failure, so the delivery fails with the reason after its last attempt instead of
     * staying pending for days.
     */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final RetryPolicy retry;

    public DeliveryRules(RetryPolicy retry) {
        this.retry = retry;
    }

    /** @param attempt the number of the attempt that got {@code response}, from 1 */
    public DeliveryDecision decide(WebhookResponse response, int attempt) {
        if (response.status() == null) {
            return transientFailure(response.error(), retry.delayAfter(attempt), attempt);
        }
        int status = response.status();
        if (status == 200) {
            return new DeliveryDecision.Delivered();
        }
        if (status == 429) {
            return rateLimited(response, attempt);
        }
        if (status >= 500) {
            return transientFailure(describe(response), retry.delayAfter(attempt), attempt);
        }
        return new DeliveryDecision.Failed(describe(response));
    }

    /** A generic webhook receiver's answer. */
    public DeliveryDecision decideWebhook(WebhookResponse response, int attempt) {
        if (response.status() == null) {
            return transientFailure(response.error(), retry.delayAfter(attempt), attempt);
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new DeliveryDecision.Delivered();
        }
        String answered = "receiver answered HTTP " + status
                + (response.body() == null || response.body().isEmpty() ? "" : " " + response.body());
        if (status == 429) {
            return rateLimited(response, attempt);
        }
        if (status >= 500) {
            return transientFailure(answered, retry.delayAfter(attempt), attempt);
        }
        return new DeliveryDecision.Failed(status >= 300 && status < 400
                ? answered + " (redirects are not followed: configure the URL it points to)" : answered);
    }

    /** The SMTP server's reply to one email. */
    public DeliveryDecision decideEmail(EmailResult result, int attempt) {
        if (result.accepted()) {
            return new DeliveryDecision.Delivered();
        }
        if (result.replyCode() == null) {
            return transientFailure(result.error(), retry.delayAfter(attempt), attempt);
        }
        String replied = "SMTP server replied " + (result.reply().startsWith(String.valueOf(result.replyCode()))
                ? result.reply() : result.replyCode() + " " + result.reply());
        if (result.replyCode() >= 500) {
            return new DeliveryDecision.Failed(replied + " (permanent)");
        }
        return transientFailure(replied, retry.delayAfter(attempt), attempt);
    }

    private DeliveryDecision transientFailure(String reason, Duration delay, int attempt) {
        if (retry.allowsAnotherAfter(attempt)) {
            return new DeliveryDecision.RetryAfter(delay, reason);
        }
        return new DeliveryDecision.Failed("gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                + "; last: " + reason);
    }

    static String describe(WebhookResponse response) {
        String body = response.body() == null || response.body().isEmpty() ? "" : " " + response.body();
        String meaning = Optional.ofNullable(DOCUMENTED_ERRORS.get(response.body())).map(m -> " (" + m + ")").orElse("");
        return "webhook answered HTTP " + response.status() + body + meaning;
    }

    /**
     * A 429: wait what {@code Retry-After} asks, at most {@link #MAX_RETRY_AFTER}. Slack sends whole seconds; so do
     * most receivers. Anything else (an HTTP date) falls back to the backoff.
     */
    private DeliveryDecision rateLimited(WebhookResponse response, int attempt) {
        Optional<String> seconds = response.retryAfter().map(String::strip).filter(v -> v.matches("\\d+"));
        if (seconds.isEmpty()) {
            return transientFailure("rate limited (HTTP 429)", retry.delayAfter(attempt), attempt);
        }
        String asked = "rate limited (HTTP 429), asked to retry after " + seconds.get() + " s";
        if (new BigInteger(seconds.get()).compareTo(BigInteger.valueOf(MAX_RETRY_AFTER.toSeconds())) > 0) {
            return transientFailure(asked + ", longer than the " + MAX_RETRY_AFTER.toSeconds() + " s waited at most",
                    MAX_RETRY_AFTER, attempt);
        }
        return transientFailure(asked, Duration.ofSeconds(Long.parseLong(seconds.get())), attempt);
    }
}

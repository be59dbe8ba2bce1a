package dev.slipway.notify.domain;

import dev.slipway.platform.retry.RetryPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How Slack's incoming-webhook answers are read (see shared/reference/slack/incoming-webhook-errors.transcribed.json):
 * 200 is success; 429 is a rate limit with {@code Retry-After} seconds; 5xx and no answer are transient; every
 * other answer, the documented 4xx errors among them, is permanent.
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
            Optional<Duration> asked = retryAfter(response.retryAfter());
            return transientFailure("rate limited (HTTP 429)"
                            + asked.map(wait -> ", asked to retry after " + wait.toSeconds() + " s").orElse(""),
                    asked.orElse(retry.delayAfter(attempt)), attempt);
        }
        if (status >= 500) {
            return transientFailure(describe(response), retry.delayAfter(attempt), attempt);
        }
        return new DeliveryDecision.Failed(describe(response));
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

    /** Slack sends whole seconds; anything else falls back to the backoff. */
    static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip).filter(v -> v.matches("\\d{1,6}")).map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }
}

package dev.slipway.notify.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * What one POST to a webhook came back with.
 *
 * @param status     the HTTP status, null when no answer came
 * @param body       the start of the answer's body, null when no answer came
 * @param retryAfter the {@code Retry-After} header, if the answer had one
 * @param error      why no answer came (timeout, refused), null when one came
 */
public record WebhookResponse(Integer status, String body, Optional<String> retryAfter, Duration latency,
                              String error) {
    static final int BODY_EXCERPT = 300;

    public static WebhookResponse answered(int status, String body, Optional<String> retryAfter, Duration latency) {
        String excerpt = body == null ? "" : body.strip();
        if (excerpt.length() > BODY_EXCERPT) {
            excerpt = excerpt.substring(0, BODY_EXCERPT) + "…";
        }
        return new WebhookResponse(status, excerpt, retryAfter, latency, null);
    }

    public static WebhookResponse noAnswer(String error, Duration latency) {
        return new WebhookResponse(null, null, Optional.empty(), latency, error);
    }
}

package dev.slipway.events;

import java.time.Duration;

/**
 * What a health check saw on its last attempt.
 *
 * @param status  the HTTP status, null when no answer came
 * @param error   why no acceptable answer came (timeout, refused, unexpected status), null when it passed
 */
public record CheckObservation(String component, String url, int expectedStatus, Integer status,
                               Duration latency, String error, int attempts, boolean passed) {
}

package dev.slipway.events;

import java.time.Duration;

/**
 * What a health check saw on its last attempt.
 *
 * @param status  the HTTP status, null when no answer came
 * @param error   why no acceptable answer came (timeout, refused, unexpected status), null when it passed
 * @param output  the start of the answer's body (at most 2,000 characters), null when none came
 */
public record CheckObservation(String component, String url, int expectedStatus, Integer status,
                               Duration latency, String error, int attempts, boolean passed, String output) {
}

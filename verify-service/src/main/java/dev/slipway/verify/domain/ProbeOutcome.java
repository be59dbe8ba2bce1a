package dev.slipway.verify.domain;

import java.time.Duration;

/**
 * What one HTTP GET of a health check saw.
 *
 * @param status  the HTTP status, null when no answer came
 * @param latency from sending the request to the answer (or to giving up)
 * @param error   why the attempt did not pass, null when it did
 * @param output  the start of the answer's body (at most {@link HttpProbe#MAX_OUTPUT_CHARS} characters), null when
 *                no answer came
 */
public record ProbeOutcome(Integer status, Duration latency, String error, String output) {

    public static ProbeOutcome answered(int status, int expectedStatus, Duration latency, String output) {
        return new ProbeOutcome(status, latency,
                status == expectedStatus ? null : "expected status " + expectedStatus + ", got " + status, output);
    }

    public static ProbeOutcome noAnswer(String error, Duration latency) {
        return new ProbeOutcome(null, latency, error, null);
    }

    public boolean passed() {
        return error == null;
    }
}

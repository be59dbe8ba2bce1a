package dev.slipway.build.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt to set a commit status came back with, and what to do about it: GitHub's outages and rate
 * limits pass (retried, at most {@link #ATTEMPTS} attempts in all), a refusal does not (404: no such repository
 * or commit, or a token that may not see it; 422: a status GitHub will not take).
 *
 * @param status          the HTTP status, null when no answer came
 * @param message         GitHub's message, or why no answer came
 * @param retryAfter      the {@code Retry-After} header, null when none
 * @param rateRemaining   the {@code x-ratelimit-remaining} header, null when none
 * @param rateReset       the {@code x-ratelimit-reset} header (epoch seconds), null when none
 */
public record StatusAnswer(Integer status, String message, String retryAfter, String rateRemaining, String rateReset) {
    public static final int ATTEMPTS = 3;
    /** A rate limit that resets later than this is waited for only this long before the next attempt. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    public static StatusAnswer answered(int status, String message, String retryAfter, String rateRemaining, String rateReset) {
        return new StatusAnswer(status, message, retryAfter, rateRemaining, rateReset);
    }

    public static StatusAnswer noAnswer(String why) {
        return new StatusAnswer(null, why, null, null, null);
    }

    public sealed interface Decision {
        record Sent() implements Decision {
        }

        record RetryAfter(Duration delay, String reason) implements Decision {
        }

        record Failed(String reason) implements Decision {
        }
    }

    /**
     * @param attempt the attempt this answer ended, from 1
     * @param backoff the wait before the second attempt; doubled before the third
     */
    public Decision decide(int attempt, Duration backoff, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision.Sent();
        }
        String what = status == null ? message : "GitHub answered " + status + (message.isEmpty() ? "" : ": " + message);
        if (!passes()) {
            return new Decision.Failed(what + permanentHint());
        }
        if (attempt >= ATTEMPTS) {
            return new Decision.Failed(what + " (gave up after " + attempt + " attempts)");
        }
        Duration delay = backoff.multipliedBy(1L << (attempt - 1));
        Duration asked = asked(now);
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : asked;
        }
        return new Decision.RetryAfter(delay, what);
    }

    /** IO failures, GitHub's 5xx, and its rate limits (429, or 403 with the rate-limit headers). */
    private boolean passes() {
        if (status == null || status >= 500 || status == 429) {
            return true;
        }
        return status == 403 && ("0".equals(rateRemaining) || retryAfter != null);
    }

    private String permanentHint() {
        return switch (status) {
            case 401 -> " (slipway.build.github.token is not accepted)";
            case 403 -> " (the token may not set statuses on this repository)";
            case 404 -> " (no such repository or commit, or the token cannot see it)";
            case 422 -> " (GitHub will not take this status)";
            default -> "";
        };
    }

    /** How long GitHub asked us to wait, from Retry-After or the rate limit's reset time; null when it did not say. */
    private Duration asked(Instant now) {
        try {
            if (retryAfter != null) {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            }
            if ("0".equals(rateRemaining) && rateReset != null) {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(rateReset.strip()) - now.getEpochSecond()));
            }
        } catch (NumberFormatException e) {
            return null; // a header we cannot read: the backoff alone decides
        }
        return null;
    }
}

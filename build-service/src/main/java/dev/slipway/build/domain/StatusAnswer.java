package dev.slipway.build.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What one attempt to set a commit status came back with, and what to do about it: GitHub's outages and rate
 * limits pass (retried, at most {@link #ATTEMPTS} attempts in all), a refusal does not (404: no such repository
 * or commit, or a token that may not see it; 422: a status GitHub will not take).
 * <p>
 * Every answer that passes also says how long the sender should send nothing at all ({@link Decision#pause()}):
 * when GitHub is down or limits the token, the other queued statuses would meet the same answer, and each request
 * made while limited counts against the limit again.
 *
 * @param status          the HTTP status, null when no answer came
 * @param message         GitHub's message, or why no answer came
 * @param retryAfter      the {@code Retry-After} header, null when none
 * @param rateRemaining   the {@code x-ratelimit-remaining} header, null when none
 * @param rateReset       the {@code x-ratelimit-reset} header (epoch seconds), null when none
 */
public record StatusAnswer(Integer status, String message, String retryAfter, String rateRemaining, String rateReset) {
    public static final int ATTEMPTS = 3;
    /**
     * A rate limit that resets later than this is waited for only this long before the next attempt; the primary
     * limit resets every hour, so this waits out any of GitHub's.
     */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /**
     * The least wait after a secondary rate limit or a 429: GitHub's documentation asks for at least a minute
     * when it does not say how long.
     */
    static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

    public static StatusAnswer answered(int status, String message, String retryAfter, String rateRemaining, String rateReset) {
        return new StatusAnswer(status, message, retryAfter, rateRemaining, rateReset);
    }

    public static StatusAnswer noAnswer(String why) {
        return new StatusAnswer(null, why, null, null, null);
    }

    public sealed interface Decision {
        /** How long the sender sets no status at all after this answer. */
        Duration pause();

        record Sent() implements Decision {
            @Override
            public Duration pause() {
                return Duration.ZERO;
            }
        }

        /** Try this status again after {@code delay}, and every other one not before then either. */
        record RetryAfter(Duration delay, String reason) implements Decision {
            @Override
            public Duration pause() {
                return delay;
            }
        }

        /** @param pause zero for a refusal; GitHub's wait when the last attempt met an outage or a rate limit */
        record Failed(String reason, Duration pause) implements Decision {
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
            return new Decision.Failed(what + permanentHint(), Duration.ZERO);
        }
        Duration delay = backoff.multipliedBy(1L << (attempt - 1));
        Duration asked = asked(now);
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : asked;
        }
        if (attempt >= ATTEMPTS) {
            return new Decision.Failed(what + " (gave up after " + attempt + " attempts)", delay);
        }
        return new Decision.RetryAfter(delay, what);
    }

    /** IO failures, GitHub's 5xx, and its rate limits (429, or 403 with the rate-limit headers or message). */
    private boolean passes() {
        if (status == null || status >= 500 || status == 429) {
            return true;
        }
        return status == 403 && (primaryLimit() || secondaryLimit());
    }

    /** The token's hourly requests are used up until {@code x-ratelimit-reset}. */
    private boolean primaryLimit() {
        return "0".equals(rateRemaining) && rateReset != null;
    }

    /** GitHub's limits on bursts and concurrency, which it names in the message or answers with Retry-After. */
    private boolean secondaryLimit() {
        return (status == 403 || status == 429) && (retryAfter != null
                || (message != null && message.toLowerCase(Locale.ROOT).contains("secondary rate limit")));
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

    /**
     * How long GitHub asked us to wait: Retry-After, else the primary limit's reset time, at least a minute for a
     * secondary limit or a 429; null when it did not say.
     */
    private Duration asked(Instant now) {
        Duration asked = null;
        try {
            if (retryAfter != null) {
                asked = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            } else if (primaryLimit()) {
                asked = Duration.ofSeconds(Math.max(0, Long.parseLong(rateReset.strip()) - now.getEpochSecond()));
            }
        } catch (NumberFormatException e) {
            asked = null; // a header we cannot read: the backoff and the minimum for rate limits decide
        }
        if (status != null && (secondaryLimit() || (status == 429 && !primaryLimit()))) {
            return asked == null || asked.compareTo(SECONDARY_WAIT) < 0 ? SECONDARY_WAIT : asked;
        }
        return asked;
    }
}

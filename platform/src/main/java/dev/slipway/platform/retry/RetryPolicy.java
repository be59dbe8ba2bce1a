package dev.slipway.platform.retry;

import java.time.Duration;

/** Transient failures: up to {@code attempts} attempts; waits {@code backoff} before the second, doubling before each further one. */
public record RetryPolicy(int attempts, Duration backoff) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, got " + backoff);
        }
    }

    public boolean allowsAnotherAfter(int attemptsDone) {
        return attemptsDone < attempts;
    }

    public Duration delayAfter(int attemptsDone) {
        return backoff.multipliedBy(1L << Math.min(Math.max(attemptsDone - 1, 0), 20));
    }
}

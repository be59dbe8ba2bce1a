package dev.slipway.verify.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * After a release went live it is checked once and then, while it keeps passing, again every {@code interval}
 * until {@code window} after it went live. A zero window ends the run with its first check.
 */
public record BakeWindow(Duration window, Duration interval) {

    public BakeWindow {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(interval, "interval");
        if (window.isNegative()) {
            throw new IllegalArgumentException("bake-window must not be negative, got " + window);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bake-interval must be positive, got " + interval);
        }
    }

    /**
     * The end of the window: {@code window} after the release went live (its DeploySucceeded's time), but never
     * later than {@code window} after verify-service learnt of it, so a sender's clock running ahead cannot stretch it.
     */
    public OffsetDateTime bakeUntil(OffsetDateTime liveSince, OffsetDateTime receivedAt) {
        OffsetDateTime start = liveSince.isAfter(receivedAt) ? receivedAt : liveSince;
        return start.plus(window);
    }

    /** Whether a check that concluded at {@code now} all passing ends the run as passed. */
    public static boolean isOver(OffsetDateTime bakeUntil, OffsetDateTime now) {
        return !now.isBefore(bakeUntil);
    }

    /**
     * When to check next: {@code interval} after the last check started, but no later than the end of the window (so
     * the window's end is always checked) and no earlier than now (a check that took longer than the interval).
     */
    public OffsetDateTime nextCheckAt(OffsetDateTime lastCheckStartedAt, OffsetDateTime now, OffsetDateTime bakeUntil) {
        OffsetDateTime next = lastCheckStartedAt.plus(interval);
        if (next.isAfter(bakeUntil)) {
            next = bakeUntil;
        }
        return next.isBefore(now) ? now : next;
    }
}

package dev.slipway.notify.domain;

import java.time.Duration;

/** What to do with a delivery after an attempt. */
public sealed interface DeliveryDecision {

    record Delivered() implements DeliveryDecision {
    }

    /** A transient failure: try again after {@code delay}. */
    record RetryAfter(Duration delay, String reason) implements DeliveryDecision {
    }

    /** A permanent failure, or the last attempt failed: give up. */
    record Failed(String reason) implements DeliveryDecision {
    }
}

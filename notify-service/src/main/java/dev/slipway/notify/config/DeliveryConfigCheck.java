package dev.slipway.notify.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The delivery settings that are checked at startup, so a value that cannot work stops the service naming the
 * property instead of failing, or doubling, deliveries later.
 */
public final class DeliveryConfigCheck {
    /**
     * Room in the claim timeout besides the sending itself: the claim's and the record's transactions, a slow
     * database, a pause of the JVM.
     */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(10);

    private DeliveryConfigCheck() {
    }

    /** @throws IllegalStateException naming the property and its value, for the first setting that cannot work */
    public static void check(NotifyConfig config) {
        if (config.workers() < 1) {
            throw new IllegalStateException("slipway.notify.workers must be at least 1, got " + config.workers());
        }
        if (config.attempts() < 1) {
            throw new IllegalStateException("slipway.notify.attempts must be at least 1, got " + config.attempts());
        }
        positive("slipway.notify.timeout", config.timeout());
        positive("slipway.notify.backoff", config.backoff());
        positive("slipway.notify.poll-interval", config.pollInterval());
        positive("slipway.notify.claim-timeout", config.claimTimeout());
        // A send takes up to the timeout (connecting and answering, or the SMTP server's reply); twice it plus a margin
        // keeps a claim from running out while its delivery is still being sent, when another worker would send it
        // again.
        Duration least = config.timeout().multipliedBy(2).plus(CLAIM_MARGIN);
        if (config.claimTimeout().compareTo(least) <= 0) {
            throw new IllegalStateException("slipway.notify.claim-timeout (" + seconds(config.claimTimeout())
                    + ") must be longer than 2 × slipway.notify.timeout (" + seconds(config.timeout()) + ") + "
                    + seconds(CLAIM_MARGIN) + " = " + seconds(least) + ": a claim that runs out while its delivery is"
                    + " being sent lets another worker send it a second time");
        }
    }

    private static void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(property + " must be positive, got " + seconds(value));
        }
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}

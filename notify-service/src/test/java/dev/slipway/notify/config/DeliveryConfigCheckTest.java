package dev.slipway.notify.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FR-007: delivery settings that cannot work stop the service at startup naming the property and the values: a claim
 * timeout that could run out mid-send (the delivery would be sent twice), and durations that are not positive.
 */
class DeliveryConfigCheckTest {

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> DeliveryConfigCheck.check(config(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void aClaimTimeoutJustOverTwiceTheTimeoutPlusTheMarginPasses() {
        assertThatCode(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.timeout", "10s",
                "slipway.notify.claim-timeout", "30001ms")))).doesNotThrowAnyException();
    }

    @Test
    void aClaimTimeoutThatCouldRunOutWhileSendingIsRefused() {
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.timeout", "10s",
                "slipway.notify.claim-timeout", "30s"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("slipway.notify.claim-timeout (30 s) must be longer than 2 × slipway.notify.timeout (10 s)"
                        + " + 10 s = 30 s: a claim that runs out while its delivery is being sent lets another worker"
                        + " send it a second time");
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.timeout", "45s"))))
                .hasMessageStartingWith("slipway.notify.claim-timeout (60 s) must be longer than 2 ×"
                        + " slipway.notify.timeout (45 s) + 10 s = 100 s");
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.timeout", "0s"))))
                .hasMessage("slipway.notify.timeout must be positive, got 0 s");
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.claim-timeout", "-5s"))))
                .hasMessage("slipway.notify.claim-timeout must be positive, got -5 s");
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.backoff", "0ms"))))
                .hasMessage("slipway.notify.backoff must be positive, got 0 s");
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.poll-interval", "-1s"))))
                .hasMessage("slipway.notify.poll-interval must be positive, got -1 s");
    }

    @Test
    void workersAndAttemptsMustBeAtLeastOne() {
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.workers", "0"))))
                .hasMessage("slipway.notify.workers must be at least 1, got 0");
        assertThatThrownBy(() -> DeliveryConfigCheck.check(config(Map.of("slipway.notify.attempts", "0"))))
                .hasMessage("slipway.notify.attempts must be at least 1, got 0");
    }

    private static NotifyConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifyConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "1s", as Quarkus reads durations
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(NotifyConfig.class);
    }
}

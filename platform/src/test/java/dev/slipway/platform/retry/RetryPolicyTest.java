package dev.slipway.platform.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backoffDoublesAfterEachAttemptUpToTheLimit() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(500));

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.allowsAnotherAfter(2)).isTrue();
        assertThat(policy.allowsAnotherAfter(3)).isFalse();
    }

    @Test
    void fewerThanOneAttemptIsRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO)).hasMessageContaining("attempts must be at least 1");
    }
}

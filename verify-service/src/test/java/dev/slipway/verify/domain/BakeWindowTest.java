package dev.slipway.verify.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FR-006: the bake window after a release went live. */
class BakeWindowTest {
    private static final OffsetDateTime LIVE = OffsetDateTime.parse("2026-11-26T11:00:00Z");
    private final BakeWindow bake = new BakeWindow(Duration.ofSeconds(30), Duration.ofSeconds(2));

    @Test
    void intervalMustBePositive() {
        assertThatThrownBy(() -> new BakeWindow(Duration.ofSeconds(30), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bake-interval must be positive, got PT0S");
        assertThatThrownBy(() -> new BakeWindow(Duration.ofSeconds(30), Duration.ofSeconds(-1)))
                .hasMessage("bake-interval must be positive, got PT-1S");
    }

    @Test
    void windowMustNotBeNegativeButMayBeZero() {
        assertThatThrownBy(() -> new BakeWindow(Duration.ofSeconds(-5), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bake-window must not be negative, got PT-5S");
        BakeWindow none = new BakeWindow(Duration.ZERO, Duration.ofSeconds(2));
        OffsetDateTime until = none.bakeUntil(LIVE, LIVE.plusSeconds(1));
        assertThat(until).isEqualTo(LIVE);
        assertThat(BakeWindow.isOver(until, LIVE.plusSeconds(1))).isTrue();
    }

    @Test
    void windowCountsFromWhenTheReleaseWentLive() {
        assertThat(bake.bakeUntil(LIVE, LIVE.plusSeconds(3))).isEqualTo(LIVE.plusSeconds(30));
        // learnt of late (e.g. verify-service was down): the window is partly or wholly over already
        assertThat(bake.bakeUntil(LIVE, LIVE.plusMinutes(5))).isEqualTo(LIVE.plusSeconds(30));
    }

    @Test
    void senderClockAheadDoesNotStretchTheWindow() {
        OffsetDateTime received = LIVE.minusMinutes(10);
        assertThat(bake.bakeUntil(LIVE, received)).isEqualTo(received.plusSeconds(30));
    }

    @Test
    void overOnceItsEndHasCome() {
        OffsetDateTime until = LIVE.plusSeconds(30);
        assertThat(BakeWindow.isOver(until, until.minusNanos(1000))).isFalse();
        assertThat(BakeWindow.isOver(until, until)).isTrue();
        assertThat(BakeWindow.isOver(until, until.plusSeconds(1))).isTrue();
    }

    @Test
    void nextCheckIsOneIntervalAfterTheLastStarted() {
        OffsetDateTime started = LIVE.plusSeconds(4);
        assertThat(bake.nextCheckAt(started, started.plusNanos(40_000_000), LIVE.plusSeconds(30)))
                .isEqualTo(LIVE.plusSeconds(6));
    }

    @Test
    void lastCheckIsAtTheEndOfTheWindow() {
        OffsetDateTime started = LIVE.plusSeconds(29);
        assertThat(bake.nextCheckAt(started, started.plusNanos(40_000_000), LIVE.plusSeconds(30)))
                .isEqualTo(LIVE.plusSeconds(30));
    }

    @Test
    void checkThatTookLongerThanTheIntervalIsFollowedAtOnce() {
        OffsetDateTime started = LIVE.plusSeconds(4);
        OffsetDateTime now = started.plusSeconds(7);
        assertThat(bake.nextCheckAt(started, now, LIVE.plusSeconds(30))).isEqualTo(now);
    }
}

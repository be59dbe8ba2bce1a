package dev.slipway.deploy.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackDecisionTest {
    static final List<Long> WENT_LIVE = List.of(1L, 2L, 4L);

    @Test
    void withoutAVersionTheNewestReleaseLiveBeforeTheCurrentOneIsRestored() {
        // version 3 failed and never went live, so it is skipped
        assertThat(RollbackDecision.of(null, null, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Switch(4, 2));
        // after a rollback to 2, the one before it is 1, not the newer 4
        assertThat(RollbackDecision.of(null, null, OptionalLong.of(2), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Switch(2, 1));
    }

    @Test
    void aNamedVersionThatWentLiveIsRestoredEvenIfNewerThanTheLiveOne() {
        assertThat(RollbackDecision.of(1L, null, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Switch(4, 1));
        assertThat(RollbackDecision.of(4L, null, OptionalLong.of(1), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Switch(1, 4));
    }

    @Test
    void aVersionThatNeverWentLiveIsRefused() {
        assertThat(RollbackDecision.of(3L, null, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Refuse("version 3 never went live"));
        assertThat(RollbackDecision.of(9L, null, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Refuse("version 9 never went live"));
    }

    @Test
    void nothingEarlierIsRefused() {
        assertThat(RollbackDecision.of(null, null, OptionalLong.of(1), WENT_LIVE, v -> true)).isEqualTo(
                new RollbackDecision.Refuse("no version went live before version 1, nothing earlier to roll back to"));
        assertThat(RollbackDecision.of(null, null, OptionalLong.empty(), List.of(), v -> true))
                .isEqualTo(new RollbackDecision.Refuse("nothing is live, so there is nothing to roll back from"));
    }

    @Test
    void theLiveVersionIsRefused() {
        assertThat(RollbackDecision.of(4L, null, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Refuse("version 4 is already live"));
    }

    @Test
    void aReleaseNoLongerKeptIsRefused() {
        Set<Long> kept = Set.of(4L, 1L);
        assertThat(RollbackDecision.of(null, null, OptionalLong.of(4), WENT_LIVE, kept::contains))
                .isEqualTo(new RollbackDecision.Refuse("the release of version 2 is no longer kept"));
        assertThat(RollbackDecision.of(1L, null, OptionalLong.of(4), WENT_LIVE, kept::contains))
                .isEqualTo(new RollbackDecision.Switch(4, 1));
    }

    @Test
    void onlyARequestedRollbackIsStillToRun() {
        assertThat(RollbackStatus.REQUESTED.isTerminal()).isFalse();
        assertThat(RollbackStatus.COMPLETED.isTerminal()).isTrue();
        assertThat(RollbackStatus.FAILED.isTerminal()).isTrue();
    }

    @Test
    void aRollbackAboutOneVersionIsRefusedOnceANewerOneIsLive() {
        assertThat(RollbackDecision.of(null, 4L, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Switch(4, 2));
        assertThat(RollbackDecision.of(null, 2L, OptionalLong.of(4), WENT_LIVE, v -> true))
                .isEqualTo(new RollbackDecision.Refuse("version 2 is no longer live (version 4 is), so it is left as it is"));
    }
}

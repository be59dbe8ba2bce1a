package dev.slipway.deploy.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LaneClaimTest {

    record Queued(String commit, long version) {
    }

    @Test
    void theNewestQueuedDeploymentRunsAndSupersedesTheOlderOnes() {
        Queued v4 = new Queued("d", 4);
        Queued v2 = new Queued("b", 2);
        Queued v3 = new Queued("c", 3);

        LaneClaim<Queued> lane = LaneClaim.of(List.of(v4, v2, v3), Queued::version).orElseThrow();

        assertThat(lane.next()).isEqualTo(v4);
        assertThat(lane.nextVersion()).isEqualTo(4);
        assertThat(lane.superseded()).containsExactly(v2, v3);
        assertThat(lane.supersededReason()).isEqualTo("superseded by version 4");
    }

    @Test
    void aLoneQueuedDeploymentSupersedesNothing() {
        Queued only = new Queued("a", 7);

        LaneClaim<Queued> lane = LaneClaim.of(List.of(only), Queued::version).orElseThrow();

        assertThat(lane.next()).isEqualTo(only);
        assertThat(lane.superseded()).isEmpty();
    }

    @Test
    void anEmptyLaneHasNothingToClaim() {
        assertThat(LaneClaim.of(List.<Queued>of(), Queued::version)).isEmpty();
    }

    @Test
    void supersededIsAsFinalAsSucceededOrFailed() {
        assertThat(DeploymentStatus.SUPERSEDED.isTerminal()).isTrue();
        assertThat(DeploymentStatus.SUCCEEDED.isTerminal()).isTrue();
        assertThat(DeploymentStatus.FAILED.isTerminal()).isTrue();
        assertThat(DeploymentStatus.REQUESTED.isTerminal()).isFalse();
        assertThat(DeploymentStatus.DEPLOYING.isTerminal()).isFalse();
    }
}

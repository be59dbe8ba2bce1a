package dev.slipway.build.domain;

import dev.slipway.spec.ComponentKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What a build tells GitHub, commit status by commit status (FR-002, US3). */
class StatusPlanTest {
    private static final String LOG = "http://localhost:8082/api/builds/12/log";
    private static final StoredArtifact ARTIFACT = new StoredArtifact(ArtifactDigest.parse("sha256:" + "a".repeat(64)), 10);

    private static ComponentResult component(String name, boolean tested, Double coverage, String image) {
        return new ComponentResult(name, ComponentKind.SERVICE, ARTIFACT, tested, coverage, null, "node server.js", "/" + name,
                null, image);
    }

    @Test
    void aBuildIsPendingOnceItStartsAndEachComponentOnceItsConfigIsRead() {
        assertThat(StatusPlan.started(12, LOG)).isEqualTo(new CommitStatus("slipway/build", CommitState.PENDING,
                "build #12 is running", LOG));
        assertThat(StatusPlan.configured(12, List.of("web", "api"), LOG)).extracting(CommitStatus::context, CommitStatus::state)
                .containsExactly(tuple("slipway/web", CommitState.PENDING),
                        tuple("slipway/api", CommitState.PENDING));
    }

    @Test
    void aPassedComponentSaysWhatPassed() {
        assertThat(StatusPlan.componentBuilt(component("web", true, 92.31, null), LOG))
                .isEqualTo(new CommitStatus("slipway/web", CommitState.SUCCESS, "tests passed, coverage 92.31 %", LOG));
        assertThat(StatusPlan.componentBuilt(component("api", true, null, "ghcr.io/acme/api@sha256:" + "b".repeat(64)), LOG).description())
                .isEqualTo("tests passed, image pushed");
        assertThat(StatusPlan.componentBuilt(component("docs", false, null, null), LOG).description())
                .isEqualTo("built (no tests declared)");
    }

    @Test
    @DisplayName("a coverage failure names both figures; the components not reached are errors; the build fails")
    void aCoverageFailure() {
        BuildOutcome.Failed failed = new BuildOutcome.Failed(Step.COVERAGE, "web",
                "coverage of web is 61.5 % of lines, under the threshold of 70 %", List.of(), "coverage 61.5 % is under 70 %");

        List<CommitStatus> statuses = StatusPlan.finished(12, failed, List.of("slipway/build", "slipway/web", "slipway/api"), LOG);

        assertThat(statuses).containsExactly(
                new CommitStatus("slipway/web", CommitState.FAILURE, "coverage 61.5 % is under 70 %", LOG),
                new CommitStatus("slipway/api", CommitState.ERROR, "not built: the build stopped at web (coverage)", LOG),
                new CommitStatus("slipway/build", CommitState.FAILURE, "web coverage: coverage 61.5 % is under 70 %", LOG));
    }

    @Test
    void aFailingTestIsNamedWithoutRepeatingTheComponent() {
        BuildOutcome.Failed failed = new BuildOutcome.Failed(Step.TEST, "web", "test of web failed with exit code 1", List.of());

        assertThat(StatusPlan.finished(12, failed, List.of("slipway/build", "slipway/web"), LOG).get(0))
                .isEqualTo(new CommitStatus("slipway/web", CommitState.FAILURE, "test failed with exit code 1", LOG));
    }

    @Test
    @DisplayName("a build that could not run (clone, config) is an error, not a failure of the code")
    void aBuildThatCouldNotRunIsAnError() {
        BuildOutcome.Failed failed = new BuildOutcome.Failed(Step.CONFIG, null, "slipway.yml line 6: unknown key 'tset'", List.of());

        assertThat(StatusPlan.finished(12, failed, List.of("slipway/build"), LOG)).containsExactly(
                new CommitStatus("slipway/build", CommitState.ERROR, "config: slipway.yml line 6: unknown key 'tset'", LOG));
    }

    @Test
    void aSucceededBuildPassesTheBuildContext() {
        BuildOutcome.Succeeded succeeded = new BuildOutcome.Succeeded(List.of(component("web", true, 100.0, null),
                component("api", false, null, null)), null);

        assertThat(StatusPlan.finished(12, succeeded, List.of("slipway/build"), LOG)).containsExactly(
                new CommitStatus("slipway/build", CommitState.SUCCESS, "build #12 passed: 2 components tested and built", LOG));
    }

    @Test
    @DisplayName("a cancelled build's pending statuses become errors naming the commit that superseded it")
    void aCancelledBuildIsSuperseded() {
        assertThat(StatusPlan.cancelled("34c5c7793cb3b279e22454cb6750c80560547b3a", List.of("slipway/build", "slipway/web"), LOG))
                .containsExactly(new CommitStatus("slipway/build", CommitState.ERROR, "superseded by 34c5c77", LOG),
                        new CommitStatus("slipway/web", CommitState.ERROR, "superseded by 34c5c77", LOG));
    }

    @Test
    @DisplayName("a description is cut to GitHub's 140 characters, never through a character")
    void descriptionsAreCutTo140Characters() {
        String longReason = "x".repeat(138) + "😀 and more";

        CommitStatus status = new CommitStatus("slipway/build", CommitState.ERROR, longReason, LOG);

        assertThat(status.description()).hasSizeLessThanOrEqualTo(CommitStatus.MAX_DESCRIPTION).endsWith("x…");
        assertThat(new CommitStatus("slipway/build", CommitState.ERROR, "y".repeat(200), LOG).description())
                .hasSize(140).endsWith("y…");
    }
}

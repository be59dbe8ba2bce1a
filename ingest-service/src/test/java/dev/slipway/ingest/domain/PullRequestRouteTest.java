package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where pull requests are built (FR-002, US3: tests run on pull requests before they merge): the head branch's
 * preview for the repository's own branches, preview-pr-&lt;n&gt; for forks, under the base's slipway.yml for a fork.
 */
class PullRequestRouteTest {
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

    static PullRequest sameRepository(String action, String headRef) {
        return new PullRequest(action, "Octo/Shop", 12, "https://github.com/Octo/Shop/pull/12", "Add login", headRef, HEAD,
                "octo/shop", "https://github.com/octo/shop.git", "main", BASE, false, "octocat");
    }

    static PullRequest fork(String action, String headRepository) {
        return new PullRequest(action, "Octo/Shop", 12, "https://github.com/Octo/Shop/pull/12", "Add login", "main", HEAD,
                headRepository, headRepository == null ? null : "https://github.com/" + headRepository + ".git", "main",
                BASE, false, "forker");
    }

    @Test
    void theRepositorysOwnBranchSharesItsPreviewAndItsSpecWithThePush() {
        PullRequest pr = sameRepository("opened", "feature/login");

        assertThat(pr.fromFork()).as("names compare case-insensitively").isFalse();
        assertThat(pr.previewEnvironment()).isEqualTo(PipelineSpec.previewEnvironmentName("feature/login"));
        assertThat(pr.specCommit()).isEqualTo(HEAD);
        assertThat(pr.specBranch()).isEqualTo("feature/login");
    }

    @Test
    void aForkGetsANumberedPreviewAndTheBaseCommitsSpec() {
        PullRequest pr = fork("synchronize", "Forker/Shop");

        assertThat(pr.fromFork()).isTrue();
        assertThat(pr.previewEnvironment()).as("not preview-main: the fork's branch names are not ours")
                .isEqualTo("preview-pr-12");
        assertThat(pr.specCommit()).as("never the fork's own slipway.yml").isEqualTo(BASE);
        assertThat(pr.specBranch()).isEqualTo("main");
        assertThat(fork("closed", null).fromFork()).as("a deleted fork").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "synchronize", "reopened"})
    void openedUpdatedAndReopenedBuild(String action) {
        assertThat(sameRepository(action, "f").builds()).isTrue();
        assertThat(sameRepository(action, "f").skipReason()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edited", "labeled", "assigned", "review_requested", "ready_for_review", "converted_to_draft"})
    void otherActionsAreSkippedNamingTheAction(String action) {
        assertThat(sameRepository(action, "f").skipReason()).contains("pull_request action '" + action
                + "' is not handled; only opened, synchronize, reopened and closed are");
    }

    @Test
    void aDeletedForkHasNothingToBuildButItsPreviewCanBeClosed() {
        assertThat(fork("reopened", null).skipReason())
                .contains("the fork pull request #12 comes from was deleted; nothing to build");
        assertThat(fork("closed", null).skipReason()).isEmpty();
        assertThat(fork("closed", null).closes()).isTrue();
    }

    @Test
    void theSpecNamesTheAppAndWhetherPreviewsAreOn() {
        String spec = PushRouteTest.SPEC;

        assertThat(PullRequestRoute.of(Optional.of(spec), sameRepository("opened", "feature-x")))
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-feature-x", null));
        assertThat(PullRequestRoute.of(Optional.of(spec), sameRepository("opened", "main")))
                .as("a pull request from a mapped branch still gets a preview of its own")
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-main", null));
        assertThat(PullRequestRoute.of(Optional.of(spec), fork("opened", "Forker/Shop")))
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-pr-12", null));
        assertThat(PullRequestRoute.of(Optional.of(spec + "previews: false\n"), sameRepository("opened", "feature-x")))
                .isEqualTo(new PullRequestRoute.Ignore("previews are off in slipway.yml, so pull request #12 is not built"));
    }

    @Test
    void noSpecIsIgnoredAndAnInvalidOneStillBuildsSoTheBuildReportsIt() {
        assertThat(PullRequestRoute.of(Optional.empty(), sameRepository("opened", "f")))
                .isEqualTo(new PullRequestRoute.Ignore("no slipway.yml at commit " + HEAD + " of pull request #12"));
        assertThat(PullRequestRoute.of(Optional.empty(), fork("opened", "Forker/Shop")))
                .isEqualTo(new PullRequestRoute.Ignore("no slipway.yml at base commit " + BASE + " of pull request #12"));

        PullRequestRoute invalid = PullRequestRoute.of(Optional.of("app: shop\ncomponents: {}\nbogus: 1\n"),
                fork("opened", "Forker/Shop"));
        assertThat(invalid).isInstanceOfSatisfying(PullRequestRoute.Deploy.class, d -> {
            assertThat(d.app()).isEqualTo("shop");
            assertThat(d.environment()).isEqualTo("preview-pr-12");
            assertThat(d.specProblem()).startsWith("slipway.yml line 3:");
        });
    }

    @Test
    void aClosedPullRequestTearsDownOnlyAPreviewItStillHas() {
        PreviewTeardown.LastPreview deployed = new PreviewTeardown.LastPreview("shop", "preview-pr-12", false);
        PreviewTeardown.LastPreview tornDown = new PreviewTeardown.LastPreview("shop", "preview-pr-12", true);

        assertThat(PreviewTeardown.ofClosedPullRequest(12, "preview-pr-12", Optional.of(deployed)))
                .isEqualTo(new PreviewTeardown.TearDown("shop", "preview-pr-12"));
        assertThat(PreviewTeardown.ofClosedPullRequest(12, "preview-pr-12", Optional.of(tornDown)))
                .isEqualTo(new PreviewTeardown.Ignore("preview environment preview-pr-12 of pull request #12 was already torn down"));
        assertThat(PreviewTeardown.ofClosedPullRequest(12, "preview-pr-12", Optional.empty()))
                .isEqualTo(new PreviewTeardown.Ignore("pull request #12 had no preview environment (preview-pr-12); nothing to tear down"));
    }

    @Test
    void aPayloadWithoutNumberOrCommitsIsRefusedByName() {
        assertThatThrownBy(() -> new PullRequest("opened", "o/r", 0, null, null, "f", HEAD, "o/r", null, "main", BASE,
                false, null)).hasMessageContaining("'number' must be a pull request number");
        assertThatThrownBy(() -> new PullRequest("opened", "o/r", 1, null, null, "f", "HEAD", "o/r", null, "main", BASE,
                false, null)).hasMessageContaining("'pull_request.head.sha' must be a commit SHA");
        assertThatThrownBy(() -> new PullRequest("opened", "o/r", 1, null, null, "f", HEAD, "o/r", null, "main", null,
                false, null)).hasMessageContaining("'pull_request.base.sha'");
        assertThatThrownBy(() -> new PullRequest("opened", "o/r", 1, null, null, " ", HEAD, "o/r", null, "main", BASE,
                false, null)).hasMessageContaining("no 'pull_request.head.ref'");
        assertThatThrownBy(() -> new PullRequest(null, "o/r", 1, null, null, "f", HEAD, "o/r", null, "main", BASE,
                false, null)).hasMessageContaining("no 'action'");
    }
}

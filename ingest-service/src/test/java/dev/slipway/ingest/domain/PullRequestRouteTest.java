package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where pull requests are built (FR-002, US3: tests run on pull requests before they merge): the head branch's
 * preview for the repository's own branches; a fork's only when the operator turns forks on, then in
 * preview-pr-&lt;n&gt;, from the fork on the registered host, under the slipway.yml of the default branch's tip.
 */
class PullRequestRouteTest {
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    static final String TIP = "a10867b14bb761a232cd80139fbd4c0d33264240";
    static final String REGISTERED = "https://github.com/Octo/Shop.git";

    static PullRequest sameRepository(String action, String headRef) {
        return new PullRequest(action, "Octo/Shop", "main", 12, "https://github.com/Octo/Shop/pull/12", "Add login",
                headRef, HEAD, "octo/shop", "https://github.com/octo/shop.git", "main", BASE, false, "octocat");
    }

    static PullRequest fork(String action, String headRepository) {
        return fork(action, 12, headRepository, headRepository == null ? null
                : "https://github.com/" + headRepository + ".git");
    }

    /** Pull request {@code number} of Octo/Shop from branch main of {@code headRepository}, into release. */
    static PullRequest fork(String action, int number, String headRepository, String headCloneUrl) {
        return new PullRequest(action, "Octo/Shop", "main", number, "https://github.com/Octo/Shop/pull/" + number,
                "Add login", "main", HEAD, headRepository, headCloneUrl, "release", BASE, false, "forker");
    }

    static PullRequestSource built(PullRequest pullRequest) {
        return PullRequestSource.of(pullRequest, ForkPullRequests.BUILD, "Octo/Shop", REGISTERED);
    }

    @Test
    void theRepositorysOwnBranchSharesItsPreviewAndItsSpecWithThePush() {
        PullRequest pr = sameRepository("opened", "feature/login");

        assertThat(pr.fromFork()).as("names compare case-insensitively").isFalse();
        assertThat(pr.previewEnvironment()).isEqualTo(PipelineSpec.previewEnvironmentName("feature/login"));
        assertThat(pr.branch()).isEqualTo("feature/login");
        for (ForkPullRequests forks : ForkPullRequests.values()) {
            assertThat(PullRequestSource.of(pr, forks, "Octo/Shop", "git@github.com:Octo/Shop.git"))
                    .as("the head commit, from the registered clone URL, whatever is set for forks")
                    .isEqualTo(new PullRequestSource.Build("git@github.com:Octo/Shop.git", "feature/login",
                            Optional.of(HEAD)));
        }
    }

    @Test
    @DisplayName("FR-009: forks are not built by default: their steps would run as the build service's user")
    void forksAreIgnoredUnlessTurnedOn() {
        PullRequest pr = fork("opened", 7, "octocat/Hello-World", "https://github.com/octocat/Hello-World.git");

        assertThat(PullRequestSource.of(pr, ForkPullRequests.IGNORE, "Octo/Shop", REGISTERED))
                .isEqualTo(new PullRequestSource.Ignore("pull request #7 comes from a fork (octocat/Hello-World); "
                        + "forks are not built here: their tests would run with the build service's user. "
                        + "Set slipway.ingest.fork-pull-requests=build where builds are isolated"));
        assertThat(PullRequestSource.of(pr, ForkPullRequests.BUILD, "Octo/Shop", REGISTERED))
                .isInstanceOf(PullRequestSource.Build.class);
    }

    @Test
    @DisplayName("FR-002: a built fork gets preview-pr-<n>, branch pr-<n>, its own repository and the default "
            + "branch's spec")
    void aForkIsBuiltFromItsRepositoryUnderTheDefaultBranchsSpec() {
        PullRequest pr = fork("synchronize", "Forker/Shop");

        assertThat(pr.fromFork()).isTrue();
        assertThat(pr.previewEnvironment()).as("not preview-main: the fork's branch names are not ours")
                .isEqualTo("preview-pr-12");
        assertThat(pr.branch()).as("the fork's branch main must not pass for the repository's main").isEqualTo("pr-12");
        assertThat(built(pr)).as("the tip of the default branch, not the base the author chose (release)")
                .isEqualTo(new PullRequestSource.Build("https://github.com/Forker/Shop.git", "main", Optional.empty()));
        assertThat(built(fork("opened", 12, "Forker/Shop", "https://github.com/Forker/Shop")))
                .isEqualTo(new PullRequestSource.Build("https://github.com/Forker/Shop", "main", Optional.empty()));
        assertThat(fork("closed", null).fromFork()).as("a deleted fork").isTrue();
    }

    @Test
    void aForkPullRequestWithoutTheDefaultBranchIsRefusedByName() {
        assertThatThrownBy(() -> new PullRequest("opened", "Octo/Shop", null, 3, null, null, "main", HEAD,
                "Forker/Shop", "https://github.com/Forker/Shop.git", "main", BASE, false, null))
                .hasMessage("pull_request payload has no 'repository.default_branch'");
        assertThat(new PullRequest("closed", "Octo/Shop", null, 3, null, null, "main", HEAD, "Forker/Shop", null,
                "main", BASE, false, null).closes()).as("closing needs no spec").isTrue();
    }

    static Stream<Arguments> foreignCloneUrls() {
        return Stream.of(
                Arguments.of("file:///etc", "a local path"),
                Arguments.of("file:///srv/git/Forker/Shop.git", "a local path laid out like the fork"),
                Arguments.of("ssh://git@github.com/Forker/Shop.git", "ssh"),
                Arguments.of("git@github.com:Forker/Shop.git", "scp-like ssh"),
                Arguments.of("https://evil.example.com/Forker/Shop.git", "another host"),
                Arguments.of("https://github.com.evil.example.com/Forker/Shop.git", "a host that starts alike"),
                Arguments.of("http://169.254.169.254/latest/meta-data/", "the cloud metadata address"),
                Arguments.of("http://github.com/Forker/Shop.git", "plain http"),
                Arguments.of("https://token@github.com/Forker/Shop.git", "credentials"),
                Arguments.of("https://github.com/Forker/Other.git", "another repository than head.repo.full_name"),
                Arguments.of("https://github.com/Octo/Shop.git", "the base repository"),
                Arguments.of("https://github.com/Forker/Shop.git/../../Octo/Private.git", "a path that climbs"),
                Arguments.of("https://github.com/Forker/Shop.git?x=1", "a query"),
                Arguments.of("ext::sh -c touch% /tmp/pwned", "git's ext transport"),
                Arguments.of(null, "none at all"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("foreignCloneUrls")
    @DisplayName("FR-009: a fork is fetched only from its place on the registered host; no other URL is passed on")
    void aForkCloneUrlElsewhereIsNeverFetched(String cloneUrl, String what) {
        PullRequestSource source = built(fork("opened", 4, "Forker/Shop", cloneUrl));

        assertThat(source).isEqualTo(new PullRequestSource.Ignore("pull request #4: pull_request.head.repo.clone_url "
                + "is not https://github.com/Forker/Shop.git (with or without .git), where fork Forker/Shop lives "
                + "next to Octo/Shop; it is not fetched"));
        if (cloneUrl != null) {
            assertThat(((PullRequestSource.Ignore) source).reason()).as("the given URL is not repeated")
                    .doesNotContain(cloneUrl);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Forker/..", "../etc", "Forker/Shop/extra", "-x/Shop", "Forker", "Forker/Shop Two"})
    void aForkWhoseNameIsNotOwnerSlashNameIsNeverFetched(String fullName) {
        assertThat(built(fork("opened", 4, fullName, "https://github.com/" + fullName + ".git")))
                .isEqualTo(new PullRequestSource.Ignore("pull request #4: pull_request.head.repo.full_name '" + fullName
                        + "' is not a GitHub owner/name; the fork is not fetched"));
    }

    @Test
    @DisplayName("the fork's URL is derived from the registered one: https keeps its host, ssh turns to https on it")
    void theForksPlaceIsDerivedFromTheRegisteredCloneUrl() {
        assertThat(PullRequestSource.hostPrefix("https://github.com/Octo/Shop.git", "Octo/Shop"))
                .contains("https://github.com/");
        assertThat(PullRequestSource.hostPrefix("https://ghe.example.com:8443/Octo/shop/", "octo/Shop"))
                .as("case-insensitive, trailing slash, a port").contains("https://ghe.example.com:8443/");
        assertThat(PullRequestSource.hostPrefix("ssh://git@ghe.example.com:2222/Octo/Shop.git", "Octo/Shop"))
                .contains("https://ghe.example.com/");
        assertThat(PullRequestSource.hostPrefix("git@github.com:Octo/Shop.git", "Octo/Shop"))
                .contains("https://github.com/");
        assertThat(PullRequestSource.hostPrefix("file:///tmp/t/Octo/Shop.git/", "Octo/Shop"))
                .as("tests: a local directory laid out as <dir>/<owner>/<name>.git").contains("file:///tmp/t/");
        assertThat(PullRequestSource.hostPrefix("https://git.example.com/mirrors/shop.git", "Octo/Shop")).isEmpty();
        assertThat(PullRequestSource.hostPrefix("file:///srv/shop", "Octo/Shop")).isEmpty();

        PullRequest fromLocalFork = fork("opened", 4, "Forker/Shop", "file:///tmp/t/Forker/Shop.git");
        assertThat(PullRequestSource.of(fromLocalFork, ForkPullRequests.BUILD, "Octo/Shop",
                "file:///tmp/t/Octo/Shop.git/"))
                .isEqualTo(new PullRequestSource.Build("file:///tmp/t/Forker/Shop.git", "main", Optional.empty()));
        assertThat(PullRequestSource.of(fork("opened", 4, "Forker/Shop", "https://github.com/Forker/Shop.git"),
                ForkPullRequests.BUILD, "Octo/Shop", "file:///tmp/t/Octo/Shop.git"))
                .as("a repository registered from a local path builds no fork from the internet")
                .isInstanceOf(PullRequestSource.Ignore.class);
        PullRequest fromMirror = fork("opened", 4, "Forker/Shop", "https://git.example.com/mirrors/Forker/Shop.git");
        assertThat(PullRequestSource.of(fromMirror, ForkPullRequests.BUILD, "Octo/Shop",
                "https://git.example.com/mirrors/shop.git"))
                .isEqualTo(new PullRequestSource.Ignore("pull request #4 comes from fork Forker/Shop, but the clone URL "
                        + "Octo/Shop is registered with does not end with Octo/Shop, so where the fork lives on that "
                        + "host is unknown; it is not fetched"));
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

        assertThat(PullRequestRoute.of(Optional.of(spec), HEAD, sameRepository("opened", "feature-x")))
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-feature-x", null));
        assertThat(PullRequestRoute.of(Optional.of(spec), HEAD, sameRepository("opened", "main")))
                .as("a pull request from a mapped branch still gets a preview of its own")
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-main", null));
        assertThat(PullRequestRoute.of(Optional.of(spec), TIP, fork("opened", "Forker/Shop")))
                .isEqualTo(new PullRequestRoute.Deploy("shop", "preview-pr-12", null));
        assertThat(PullRequestRoute.of(Optional.of(spec + "previews: false\n"), HEAD,
                sameRepository("opened", "feature-x")))
                .isEqualTo(new PullRequestRoute.Ignore("previews are off in slipway.yml, so pull request #12 is not built"));
    }

    @Test
    void noSpecIsIgnoredAndAnInvalidOneStillBuildsTheRepositorysOwnBranchSoTheBuildReportsIt() {
        assertThat(PullRequestRoute.of(Optional.empty(), HEAD, sameRepository("opened", "f")))
                .isEqualTo(new PullRequestRoute.Ignore("no slipway.yml at commit " + HEAD + " of pull request #12"));
        assertThat(PullRequestRoute.of(Optional.empty(), TIP, fork("opened", "Forker/Shop")))
                .isEqualTo(new PullRequestRoute.Ignore("no slipway.yml at commit " + TIP
                        + ", the tip of Octo/Shop's default branch 'main', so pull request #12 from a fork is not built"));

        PullRequestRoute invalid = PullRequestRoute.of(Optional.of("app: shop\ncomponents: {}\nbogus: 1\n"), HEAD,
                sameRepository("opened", "feature-x"));
        assertThat(invalid).isInstanceOfSatisfying(PullRequestRoute.Deploy.class, d -> {
            assertThat(d.app()).isEqualTo("shop");
            assertThat(d.environment()).isEqualTo("preview-feature-x");
            assertThat(d.specProblem()).startsWith("slipway.yml line 3:");
        });
    }

    @Test
    @DisplayName("an invalid slipway.yml on the default branch builds no fork: its error is the reason")
    void anInvalidSpecIgnoresTheForkWithTheSpecsError() {
        PullRequestRoute invalid = PullRequestRoute.of(Optional.of("app: shop\ncomponents: {}\nbogus: 1\n"), TIP,
                fork("opened", "Forker/Shop"));

        assertThat(invalid).isInstanceOfSatisfying(PullRequestRoute.Ignore.class, i -> assertThat(i.reason())
                .startsWith("slipway.yml line 3:")
                .endsWith(" (at commit " + TIP + ", the tip of Octo/Shop's default branch 'main'), "
                        + "so pull request #12 from a fork is not built"));
    }

    @Test
    @DisplayName("a push to branch pr-7 and fork pull request #7 never share a preview environment")
    void aBranchNamedLikeAForkPullRequestGetsAnotherPreview() {
        PullRequest fork = fork("opened", 7, "Forker/Shop", "https://github.com/Forker/Shop.git");
        String forkPreview = fork.previewEnvironment();
        PushRoute push = PushRoute.of(Optional.of(PushRouteTest.SPEC), "Octo/Shop", "pr-7", HEAD);

        assertThat(forkPreview).isEqualTo("preview-pr-7");
        assertThat(push).isInstanceOfSatisfying(PushRoute.Deploy.class, d -> {
            assertThat(d.preview()).isTrue();
            assertThat(d.environment()).startsWith("preview-pr-7-").isNotEqualTo(forkPreview);
        });
        assertThat(sameRepository("opened", "pr-7").previewEnvironment()).isNotEqualTo(forkPreview);
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

    /** A pull request of o/r from its own branch {@code headRef} into main. */
    private static PullRequest payload(String action, int number, String headRef, String headSha, String baseSha) {
        return new PullRequest(action, "o/r", "main", number, null, null, headRef, headSha, "o/r", null, "main", baseSha,
                false, null);
    }

    @Test
    void aPayloadWithoutNumberOrCommitsIsRefusedByName() {
        assertThatThrownBy(() -> payload("opened", 0, "f", HEAD, BASE))
                .hasMessageContaining("'number' must be a pull request number");
        assertThatThrownBy(() -> payload("opened", 1, "f", "HEAD", BASE))
                .hasMessageContaining("'pull_request.head.sha' must be a commit SHA");
        assertThatThrownBy(() -> payload("opened", 1, "f", HEAD, null))
                .hasMessageContaining("'pull_request.base.sha'");
        assertThatThrownBy(() -> payload("opened", 1, " ", HEAD, BASE))
                .hasMessageContaining("no 'pull_request.head.ref'");
        assertThatThrownBy(() -> payload(null, 1, "f", HEAD, BASE))
                .hasMessageContaining("no 'action'");
    }
}

package dev.slipway.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which pushes deploy where (FR-001 main → production, FR-005 staging → staging, and every other branch to a
 * preview environment of its own, unless slipway.yml turns previews off).
 */
class PushRouteTest {
    static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    static final String ZERO = "0".repeat(40);
    static final String SPEC = """
            app: shop
            components:
              web:
                kind: static
                path: web
            environments:
              production:
                branch: main
              staging:
                branch: staging
            """;

    @Test
    void mappedBranchesDeployToTheirEnvironment() {
        assertThat(PushRoute.of(Optional.of(SPEC), "Octo/Shop", "main", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "production", false, null));
        assertThat(PushRoute.of(Optional.of(SPEC), "Octo/Shop", "staging", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "staging", false, null));
    }

    @Test
    void unmappedBranchesDeployToTheirPreviewEnvironment() {
        assertThat(PushRoute.of(Optional.of(SPEC), "Octo/Shop", "feature-x", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "preview-feature-x", true, null));
        assertThat(PushRoute.of(Optional.of(SPEC), "Octo/Shop", "feature/x", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "preview-feature-x-217d2b", true, null));
        assertThat(PushRoute.of(Optional.of(SPEC + "previews: { variables: { LOG_LEVEL: debug } }\n"), "Octo/Shop", "fix-1", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "preview-fix-1", true, null));
    }

    @Test
    void unmappedBranchWithPreviewsOffAndMissingFileAreIgnoredWithTheReason() {
        assertThat(PushRoute.of(Optional.of(SPEC + "previews: false\n"), "Octo/Shop", "feature/x", SHA))
                .isEqualTo(new PushRoute.Ignore("branch 'feature/x' maps to no environment in slipway.yml and previews are off (previews: false)"));
        assertThat(PushRoute.of(Optional.of(SPEC + "previews: false\n"), "Octo/Shop", "main", SHA))
                .isEqualTo(new PushRoute.Deploy("shop", "production", false, null));
        assertThat(PushRoute.of(Optional.empty(), "Octo/Shop", "main", SHA))
                .isEqualTo(new PushRoute.Ignore("no slipway.yml at commit " + SHA));
    }

    @Test
    void invalidFileStillDeploysUnderNamesDerivedFromRepositoryAndBranch() {
        PushRoute route = PushRoute.of(Optional.of("app: shop\ncomponents: {}\nbogus: 1\n"), "Octo/Hello_World.JS",
                "Feature/New_UI", SHA);

        assertThat(route).isInstanceOf(PushRoute.Deploy.class);
        PushRoute.Deploy deploy = (PushRoute.Deploy) route;
        assertThat(deploy.app()).isEqualTo("hello-world-js");
        assertThat(deploy.environment()).isEqualTo("feature-new-ui");
        assertThat(deploy.preview()).isFalse();
        assertThat(deploy.specProblem()).startsWith("slipway.yml line 3:").contains("bogus");
    }

    @Test
    void namesAreSanitisedToSlipwayNames() {
        assertThat(Names.sanitize("--Hello..World--", "x")).isEqualTo("hello-world");
        assertThat(Names.sanitize("...", "app")).isEqualTo("app");
        assertThat(Names.sanitize("a".repeat(62) + "-b", "x")).isEqualTo("a".repeat(62));
    }

    @Test
    void pushSaysWhyTagsDeployNothing() {
        Push tag = new Push("refs/tags/v1.0", ZERO, SHA, false, null, null);
        Push deleted = new Push("refs/heads/feature/x", SHA, ZERO, true, null, null);
        Push branch = new Push("refs/heads/feature/x", ZERO, SHA, false, "msg", "octo");

        assertThat(tag.branch()).isEmpty();
        assertThat(tag.skipReason()).contains("ref 'refs/tags/v1.0' is not a branch; only pushes to refs/heads/ deploy");
        assertThat(deleted.skipReason()).as("a deleted branch may have a preview to tear down").isEmpty();
        assertThat(deleted.before()).isEqualTo(SHA);
        assertThat(branch.branch()).contains("feature/x");
        assertThat(branch.skipReason()).isEmpty();
        assertThat(tag.commitMessage()).isEmpty();
    }

    @Test
    void pushWithoutRefOrShaIsRefusedByName() {
        assertThatThrownBy(() -> new Push(null, ZERO, SHA, false, null, null)).hasMessageContaining("'ref'");
        assertThatThrownBy(() -> new Push("refs/heads/main", ZERO, "HEAD", false, null, null))
                .hasMessageContaining("'after' must be a commit SHA");
        assertThatThrownBy(() -> new Push("refs/heads/main", null, SHA, false, null, null))
                .hasMessageContaining("'before' must be a commit SHA");
    }

    @Test
    void aDeletedBranchTearsDownOnlyAPreviewItStillHas() {
        PreviewTeardown.LastPreview deployed = new PreviewTeardown.LastPreview("shop", "preview-feature-x", false);
        PreviewTeardown.LastPreview tornDown = new PreviewTeardown.LastPreview("shop", "preview-feature-x", true);

        assertThat(PreviewTeardown.ofDeletedBranch("feature-x", Optional.of(deployed)))
                .isEqualTo(new PreviewTeardown.TearDown("shop", "preview-feature-x"));
        assertThat(PreviewTeardown.ofDeletedBranch("feature-x", Optional.of(tornDown))).isEqualTo(new PreviewTeardown.Ignore(
                "preview environment preview-feature-x of branch 'feature-x' was already torn down"));
        assertThat(PreviewTeardown.ofDeletedBranch("main", Optional.empty())).isEqualTo(new PreviewTeardown.Ignore(
                "branch 'main' had no preview environment; nothing to tear down"));
    }
}

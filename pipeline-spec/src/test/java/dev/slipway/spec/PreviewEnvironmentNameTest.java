package dev.slipway.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names of branch preview environments (concurrent previews of feature branches). The hashes were computed
 * outside Java ({@code printf '%s' BRANCH | sha256sum}), so a mistake shared with the code cannot hide.
 */
class PreviewEnvironmentNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "feature-x,        preview-feature-x",
            "main,             preview-main",
            "feature/checkout, preview-feature-checkout-97cc63",
            "feature/x,        preview-feature-x-217d2b",
            "Feature_X,        preview-feature-x-c6683d",
            "///,              preview-732c4e",
    })
    void validBranchNamesAreKeptAndOthersSluggedWithAHash(String branch, String expected) {
        assertThat(PipelineSpec.previewEnvironmentName(branch)).isEqualTo(expected);
    }

    @Test
    void aLongBranchIsCutToSixtyThreeCharactersWithoutADashBeforeTheHash() {
        String branch = "a".repeat(47) + "/" + "b".repeat(152);

        assertThat(branch).hasSize(200);
        assertThat(PipelineSpec.previewEnvironmentName(branch)).isEqualTo("preview-" + "a".repeat(47) + "-1f2754");
    }

    @Test
    void aValidBranchTooLongForThePrefixIsHashedToo() {
        String branch = "release-" + "x".repeat(48);

        assertThat(PipelineSpec.previewEnvironmentName(branch))
                .isEqualTo("preview-release-" + "x".repeat(40) + "-a07107")
                .hasSize(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature/checkout", "Feature_X", "dependabot/npm_and_yarn/lodash-4.17.21", "fix--double",
            "-leading", "trailing-", "ÜMLAUT/ß", "x"})
    void everyNameIsAValidEnvironmentNameAndTheSameEveryTime(String branch) {
        String name = PipelineSpec.previewEnvironmentName(branch);

        assertThat(name).matches(PipelineSpec.NAME).startsWith(PipelineSpec.PREVIEW_PREFIX).hasSizeLessThanOrEqualTo(63);
        assertThat(PipelineSpec.previewEnvironmentName(branch)).isEqualTo(name);
    }

    @Test
    void branchesThatSlugAlikeGetDifferentNames() {
        assertThat(PipelineSpec.previewEnvironmentName("feature/x"))
                .isNotEqualTo(PipelineSpec.previewEnvironmentName("Feature_X"))
                .isNotEqualTo(PipelineSpec.previewEnvironmentName("feature-x"));
    }

    @Test
    void aBranchNamedLikeAForkPullRequestNeverGetsItsPreview() {
        String branch = PipelineSpec.previewEnvironmentName("pr-7");

        assertThat(branch).startsWith("preview-pr-7-").isNotEqualTo(PipelineSpec.forkPreviewEnvironmentName(7));
        assertThat(PipelineSpec.forkPreviewEnvironmentName(7)).isEqualTo("preview-pr-7");
        assertThat(PipelineSpec.previewEnvironmentName("pr-7-fix")).isEqualTo("preview-pr-7-fix");
    }
}

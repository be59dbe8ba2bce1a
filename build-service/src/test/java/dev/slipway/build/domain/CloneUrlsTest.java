package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials in a clone URL never reach a log (FR-009). */
class CloneUrlsTest {

    @Test
    void redactsUserInformation() {
        assertThat(CloneUrls.redact("https://x-access-token:ghs_Secret%2Fpart@github.com/acme/shop.git"))
                .isEqualTo("https://***@github.com/acme/shop.git");
        assertThat(CloneUrls.redact("https://github.com/acme/shop.git")).isEqualTo("https://github.com/acme/shop.git");
        assertThat(CloneUrls.redact("file:///tmp/repo/")).isEqualTo("file:///tmp/repo/");
    }

    @Test
    void masksTheSecretAlsoWhenAToolPrintsItDecoded() {
        String url = "https://x-access-token:ghs_Secret%2Fpart@github.com/acme/shop.git";
        String log = "fatal: could not read from https://x-access-token:ghs_Secret%2Fpart@github.com/acme/shop.git\n"
                + "password was ghs_Secret/part\n";

        assertThat(CloneUrls.mask(log, url)).doesNotContain("ghs_Secret").contains("https://***@github.com/acme/shop.git");
    }

    @Test
    void aTokenAsUserNameIsMaskedToo() {
        assertThat(CloneUrls.mask("using ghp_token123 now", "https://ghp_token123@github.com/a/b.git")).isEqualTo("using *** now");
    }
}

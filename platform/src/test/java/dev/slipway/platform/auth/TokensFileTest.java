package dev.slipway.platform.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The tokens file every service reads (access controls on deployment triggers, SPEC "Security"). */
class TokensFileTest {
    private static final String CI = "slw_" + "c".repeat(43);
    private static final String BOB = "slw_" + "b".repeat(43);

    @TempDir
    Path dir;

    static String line(String name, String role, String token) {
        return name + " " + role + " sha256:" + HexFormat.of().formatHex(ApiToken.sha256(token));
    }

    @Test
    void readsTokensSkippingCommentsAndBlankLines() {
        TokensFile.Contents contents = TokensFile.parse(List.of(
                "# made by ./slipway token create",
                "",
                line("ci", "viewer", CI),
                "   ",
                "  # indented comment",
                line("bob@laptop", "deployer", BOB)));

        assertThat(contents.problems()).isEmpty();
        assertThat(contents.tokens()).extracting(ApiToken::name, ApiToken::role)
                .containsExactly(tuple("ci", Role.VIEWER), tuple("bob@laptop", Role.DEPLOYER));
        assertThat(contents.tokens().get(0).matches(ApiToken.sha256(CI))).isTrue();
        assertThat(contents.tokens().get(0).matches(ApiToken.sha256(BOB))).isFalse();
    }

    @Test
    void malformedLinesAreSkippedNamingTheLineButNeverItsHash() {
        String hash = line("x", "viewer", CI).substring("x viewer ".length());
        List<String> lines = List.of(
                line("ci", "viewer", CI),
                "admin deployer",                                   // 2: no hash
                "ci  viewer " + hash,                               // 3: two spaces
                "Bob deployer " + hash,                             // 4: upper-case name
                "-bob deployer " + hash,                            // 5: name starts with a dash
                "a".repeat(64) + " deployer " + hash,               // 6: name too long
                "eve admin " + hash,                                // 7: unknown role
                "eve Deployer " + hash,                             // 8: roles are lower case
                "eve deployer " + hash.toUpperCase().replace("SHA256", "sha256"), // 9: upper-case hex
                "eve deployer sha256:abc",                          // 10: short hash
                "eve deployer " + hash.substring("sha256:".length()), // 11: no sha256: prefix
                "eve deployer " + hash + " # trailing comment",     // 12: extra fields
                line("bob", "deployer", BOB));

        TokensFile.Contents contents = TokensFile.parse(lines);

        assertThat(contents.tokens()).extracting(ApiToken::name).containsExactly("ci", "bob");
        assertThat(contents.problems()).hasSize(11);
        for (int i = 0; i < 11; i++) {
            assertThat(contents.problems().get(i)).startsWith("line " + (i + 2) + " skipped: ");
        }
        assertThat(contents.problems().get(0)).contains("found 2 field(s)");
        assertThat(contents.problems().get(5)).contains("the role must be viewer or deployer");
        assertThat(contents.problems().get(8)).contains("64 lowercase hex digits");
        assertThat(String.join("\n", contents.problems()))
                .doesNotContain(hash.substring("sha256:".length(), 20)).doesNotContain("eve").doesNotContain("Bob");
    }

    @Test
    void aNameMayUseTheWholeAlphabetOfTheContract() {
        assertThat(TokensFile.parse(List.of(line("0", "viewer", CI), line("a" + "-._@z9".repeat(10) + "xx", "viewer", CI)))
                .tokens()).hasSize(2);
    }

    @Test
    void aChangedFileIsReadAgainAtMostOnceASecond() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, line("ci", "viewer", CI) + "\n" + line("bob", "deployer", BOB) + "\n");
        AtomicLong now = new AtomicLong(5_000_000_000L);
        TokensFile tokens = new TokensFile(file, now::get);
        assertThat(tokens.tokens()).extracting(ApiToken::name).containsExactly("ci", "bob");

        Files.writeString(file, line("bob", "deployer", BOB) + "\n");   // ./slipway token revoke ci
        now.addAndGet(TokensFile.RECHECK_NANOS - 1);
        assertThat(tokens.tokens()).as("looked at less than a second ago").extracting(ApiToken::name)
                .containsExactly("ci", "bob");
        now.addAndGet(1);
        assertThat(tokens.tokens()).extracting(ApiToken::name).containsExactly("bob");

        Files.delete(file);
        now.addAndGet(TokensFile.RECHECK_NANOS);
        assertThat(tokens.tokens()).as("a deleted file holds no tokens").isEmpty();

        Files.writeString(file, "# bob's laptop\n" + line("bob", "deployer", BOB) + "\n");
        now.addAndGet(TokensFile.RECHECK_NANOS);
        assertThat(tokens.tokens()).extracting(ApiToken::name).containsExactly("bob");
    }

    @Test
    void aMissingFileHoldsNoTokens() {
        assertThat(new TokensFile(dir.resolve("nothing-here")).tokens()).isEmpty();
    }

    @Test
    void theHashIsNeverPrinted() {
        ApiToken token = TokensFile.parse(List.of(line("ci", "viewer", CI))).tokens().get(0);

        assertThat(token.toString()).isEqualTo("ApiToken[name=ci, role=viewer]");
    }
}

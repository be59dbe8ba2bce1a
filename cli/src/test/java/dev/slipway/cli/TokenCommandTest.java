package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens are made, listed and revoked in the data directory's tokens file; only their hashes are kept. */
class TokenCommandTest {

    @TempDir
    Path data;

    private CliRun token(String... args) {
        String[] all = Stream.concat(Stream.of("token"), Stream.concat(Stream.of(args), Stream.of("--data-dir", data.toString())))
                .toArray(String[]::new);
        return CliRun.of(new Main(), all);
    }

    private Path tokensFile() {
        return data.resolve("tokens");
    }

    private List<String> tokenLines() throws Exception {
        return Files.readAllLines(tokensFile()).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void createPrintsTheTokenOnceAndKeepsOnlyItsHashInAnOwnerOnlyFile() throws Exception {
        CliRun run = token("create", "ci", "--role", "viewer");

        assertThat(run.exitCode()).as(run.all()).isZero();
        String token = run.out().lines().filter(l -> l.startsWith("slw_")).findFirst().orElseThrow();
        assertThat(token).matches("slw_[A-Za-z0-9_-]{43}");
        assertThat(run.out()).contains("cannot be shown again").contains("created viewer token ci");
        assertThat(tokenLines()).containsExactly("ci viewer " + Tokens.hash(token));
        assertThat(Tokens.hash(token)).matches("sha256:[0-9a-f]{64}");
        assertThat(Files.readString(tokensFile())).doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokensFile()))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void jsonOutputIsNameRoleAndToken() throws Exception {
        CliRun run = token("create", "deploy-bot@ci", "--role", "deployer", "--output", "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode created = Http.JSON.readTree(run.out());
        assertThat(created.fieldNames()).toIterable().containsExactly("name", "role", "token");
        assertThat(created.get("name").asText()).isEqualTo("deploy-bot@ci");
        assertThat(created.get("role").asText()).isEqualTo("deployer");
        assertThat(tokenLines()).containsExactly("deploy-bot@ci deployer " + Tokens.hash(created.get("token").asText()));
    }

    @Test
    void aNameThatExistsIsRefusedUntilRevoked() throws Exception {
        assertThat(token("create", "ci", "--role", "viewer").exitCode()).isZero();
        List<String> before = tokenLines();

        CliRun again = token("create", "ci", "--role", "deployer");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("a token named 'ci' exists already").contains("./slipway token revoke ci");
        assertThat(again.out()).doesNotContain("slw_");
        assertThat(tokenLines()).isEqualTo(before);

        CliRun revoked = token("revoke", "ci");
        assertThat(revoked.exitCode()).as(revoked.all()).isZero();
        assertThat(revoked.out()).contains("revoked ci (viewer)");
        assertThat(tokenLines()).isEmpty();
        assertThat(token("create", "ci", "--role", "deployer").exitCode()).isZero();
        assertThat(tokenLines()).singleElement().asString().startsWith("ci deployer sha256:");
    }

    @Test
    void revokeRemovesOnlyThatLineKeepingCommentsAndAnUnknownNameIsAnError() throws Exception {
        Files.writeString(tokensFile(), "# kept by hand\nalice deployer sha256:" + "a".repeat(64) + "\n\n"
                + "bob viewer sha256:" + "b".repeat(64) + "\n");

        CliRun revoked = token("revoke", "alice");
        CliRun unknown = token("revoke", "carol");

        assertThat(revoked.exitCode()).as(revoked.all()).isZero();
        assertThat(Files.readString(tokensFile())).isEqualTo("# kept by hand\n\nbob viewer sha256:" + "b".repeat(64) + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokensFile()))).isEqualTo("rw-------");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("there is no token named 'carol'").contains("./slipway token list");
    }

    @Test
    void listShowsNamesAndRolesNeverHashes() throws Exception {
        token("create", "ci", "--role", "viewer");
        token("create", "alice", "--role", "deployer");

        CliRun human = token("list");
        CliRun json = token("list", "--output", "json");

        assertThat(human.exitCode()).isZero();
        assertThat(human.out().split("\n")).containsExactly("NAME   ROLE", "ci     viewer", "alice  deployer");
        assertThat(Http.JSON.readTree(json.out()).toString())
                .isEqualTo("[{\"name\":\"ci\",\"role\":\"viewer\"},{\"name\":\"alice\",\"role\":\"deployer\"}]");
        for (CliRun run : List.of(human, json)) {
            assertThat(run.all()).doesNotContain("sha256").doesNotContain("slw_");
        }
    }

    @Test
    void listWithoutATokensFileSaysHowToMakeOne() {
        CliRun run = token("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no tokens in " + tokensFile()).contains("./slipway token create");
    }

    @Test
    void badNamesAndRolesAreRefused() {
        CliRun upper = token("create", "Alice", "--role", "viewer");
        CliRun role = token("create", "alice", "--role", "admin");
        CliRun noRole = token("create", "alice");

        assertThat(upper.exitCode()).isEqualTo(2);
        assertThat(upper.err()).contains("'Alice' is not a token name");
        assertThat(role.exitCode()).isEqualTo(2);
        assertThat(role.err()).contains("viewer").contains("deployer");
        assertThat(noRole.exitCode()).isEqualTo(2);
        assertThat(noRole.err()).contains("--role");
        assertThat(Files.exists(tokensFile())).isFalse();
    }

    @Test
    void revokingThisMachinesCliTokenSaysUpMakesANewOne() throws Exception {
        LocalStack.LocalToken local = new LocalStack(LocalStack.Options.defaults(Path.of("/opt/slipway"), data,
                List.of())).ensureLocalToken();

        CliRun run = token("revoke", local.name());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("it was this machine's CLI token").contains("./slipway up makes a new one");
    }

    @Test
    void helpSaysTheseAreAdminCommandsForTheMachineThatRunsSlipway() {
        CliRun help = CliRun.of(new Main(), "token", "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("admin commands for the machine that runs Slipway")
                .contains("create").contains("list").contains("revoke").contains("deployer");
    }
}

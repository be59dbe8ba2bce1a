package dev.slipway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-009: keys and passwords reach the services through their environment, never their command line. */
class LocalStackTest {
    private static final String DATABASE_PASSWORD = "db-password-not-for-ps";

    @TempDir
    Path data;

    private LocalStack stack() {
        return new LocalStack(LocalStack.Options.defaults(Path.of("/opt/slipway"), data, List.of()));
    }

    @Test
    void deployServiceGetsTheEdgeOnItsCommandLineAndItsKeyOnlyInItsEnvironment() throws Exception {
        LocalStack stack = stack();

        List<String> command = stack.serviceCommand("deploy-service", "jdbc:postgresql://127.0.0.1:5432/slipway", "slipway");
        Map<String, String> env = stack.serviceEnv("deploy-service", DATABASE_PASSWORD);

        String key = env.get("SLIPWAY_DEPLOY_ENCRYPTION_KEY");
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_PASSWORD", DATABASE_PASSWORD);
        assertThat(String.join(" ", command)).doesNotContain(key).doesNotContain(DATABASE_PASSWORD)
                .doesNotContain("encryption-key").doesNotContain("password");
        assertThat(command).contains("-Dslipway.deploy.edge.admin-url=http://127.0.0.1:8089",
                "-Dslipway.deploy.edge.public-url=http://127.0.0.1:8088",
                "-Dslipway.deploy.data-dir=" + data.resolve("deploy"));
        assertThat(command).noneMatch(arg -> arg.contains("slipway.deploy.public-url"));

        Path file = data.resolve("secrets/deploy-encryption.key");
        assertThat(Files.readString(file).trim()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(stack.serviceEnv("deploy-service", DATABASE_PASSWORD)).containsEntry("SLIPWAY_DEPLOY_ENCRYPTION_KEY", key);
    }

    @Test
    void eachServiceHasItsOwnKey() {
        LocalStack stack = stack();

        String ingest = stack.serviceEnv("ingest-service", DATABASE_PASSWORD).get("SLIPWAY_INGEST_ENCRYPTION_KEY");
        String deploy = stack.serviceEnv("deploy-service", DATABASE_PASSWORD).get("SLIPWAY_DEPLOY_ENCRYPTION_KEY");

        assertThat(ingest).isNotBlank().isNotEqualTo(deploy);
        assertThat(stack.serviceEnv("ingest-service", DATABASE_PASSWORD)).doesNotContainKey("SLIPWAY_DEPLOY_ENCRYPTION_KEY");
        assertThat(stack.serviceEnv("build-service", DATABASE_PASSWORD))
                .containsOnlyKeys("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(Files.exists(data.resolve("secrets/ingest-encryption.key"))).isTrue();
    }

    @Test
    void theEdgeRunsInItsOwnSmallJvmWithItsPortsAndDataDirectory() {
        List<String> command = stack().edgeCommand();

        assertThat(command).contains("-Xmx128m", LocalStack.EDGE_MAIN);
        assertThat(String.join(" ", command))
                .contains("/opt/slipway/edge/target/edge-0.1.0-SNAPSHOT.jar:/opt/slipway/edge/target/lib/*")
                .contains("--port 8088 --admin-port 8089 --data-dir " + data.resolve("edge"));
    }

    @Test
    void environmentsAreServedByTheEdge() {
        LocalStack stack = stack();

        assertThat(stack.siteUrl("shop", "production")).isEqualTo("http://127.0.0.1:8088/shop/production/");
        assertThat(stack.edgeAdminUrl()).isEqualTo("http://127.0.0.1:8089");
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theFirstStartCreatesALocalDeployerTokenAndTheNextReusesIt() throws Exception {
        LocalStack.LocalToken first = stack().ensureLocalToken();

        String token = Files.readString(data.resolve("credentials")).trim();
        assertThat(first.created()).isTrue();
        assertThat(first.name()).isEqualTo(Tokens.localName(System.getProperty("user.name"))).startsWith("local-")
                .matches(Tokens.NAME);
        assertThat(first.credentialsFile()).isEqualTo(data.resolve("credentials"));
        assertThat(token).matches(Tokens.TOKEN);
        assertThat(Files.readAllLines(data.resolve("tokens"))).filteredOn(l -> !l.startsWith("#"))
                .containsExactly(first.name() + " deployer " + Tokens.hash(token));
        assertThat(permissions(data.resolve("tokens"))).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("credentials"))).isEqualTo("rw-------");

        LocalStack.LocalToken second = stack().ensureLocalToken();

        assertThat(second.created()).isFalse();
        assertThat(second.name()).isEqualTo(first.name());
        assertThat(Files.readString(data.resolve("credentials")).trim()).isEqualTo(token);
        assertThat(Files.readAllLines(data.resolve("tokens"))).filteredOn(l -> !l.startsWith("#")).hasSize(1);
    }

    @Test
    void aLocalTokenNoLongerInTheTokensFileIsReplacedUnderItsName() throws Exception {
        LocalStack.LocalToken first = stack().ensureLocalToken();
        String old = Files.readString(data.resolve("credentials")).trim();
        new TokensFile(data.resolve("tokens")).add(new TokensFile.Entry("ci", Tokens.Role.viewer,
                Tokens.hash(Tokens.generate())));
        // its hash changed under it (an older line of the same name stays behind)
        Files.writeString(data.resolve("credentials"), "slw_" + "x".repeat(43) + "\n");

        LocalStack.LocalToken again = stack().ensureLocalToken();

        String renewed = Files.readString(data.resolve("credentials")).trim();
        assertThat(again.created()).isTrue();
        assertThat(renewed).isNotEqualTo(old).matches(Tokens.TOKEN);
        assertThat(Files.readAllLines(data.resolve("tokens"))).filteredOn(l -> !l.startsWith("#")).containsExactly(
                "ci viewer " + new TokensFile(data.resolve("tokens")).byName("ci").orElseThrow().hash(),
                first.name() + " deployer " + Tokens.hash(renewed));
        assertThat(permissions(data.resolve("credentials"))).isEqualTo("rw-------");
    }

    @Test
    void everyServiceGetsTheTokensFileOnItsCommandLineAndNoServiceTheToken() {
        LocalStack stack = stack();
        stack.ensureLocalToken();
        String token = Credentials.read(data.resolve("credentials")).orElseThrow();

        for (String service : stack.serviceNames()) {
            List<String> command = stack.serviceCommand(service, "jdbc:postgresql://127.0.0.1:5432/slipway", "slipway");
            assertThat(command).as(service).contains("-Dslipway.auth.tokens-file=" + data.resolve("tokens"));
            assertThat(String.join(" ", command)).as(service).doesNotContain(token).doesNotContain("credentials");
            assertThat(stack.serviceEnv(service, DATABASE_PASSWORD).values()).as(service).doesNotContain(token);
        }
        assertThat(String.join(" ", stack.edgeCommand())).doesNotContain(token).doesNotContain("tokens");
    }

    @Test
    void localTokenNamesFollowTheNamePattern() {
        assertThat(Tokens.localName("alice")).isEqualTo("local-alice");
        assertThat(Tokens.localName("Alice Smith")).isEqualTo("local-alice-smith");
        assertThat(Tokens.localName("CORP\\bob")).isEqualTo("local-corp-bob");
        assertThat(Tokens.localName("")).isEqualTo("local-user");
        assertThat(Tokens.localName("é".repeat(80))).hasSize(63).matches(Tokens.NAME);
    }

    @Test
    void upSaysWhereTheTokenIsNeverWhatItIs() throws Exception {
        LocalStack.LocalToken token = stack().ensureLocalToken();
        String secret = Files.readString(data.resolve("credentials")).trim();

        String here = UpCommand.tokenLine(token, data, data.resolve("credentials"));
        String elsewhere = UpCommand.tokenLine(token, data, Path.of("/home/someone/.slipway/credentials"));

        assertThat(here).contains(data.resolve("credentials").toString()).contains(token.name())
                .contains("the CLI on this machine uses it").doesNotContain(secret);
        assertThat(elsewhere).contains("export SLIPWAY_HOME=" + data).doesNotContain(secret);
    }

    @Test
    void portsChosenWithoutTheEdgeGetTwoFreeOnesForIt() {
        ServicePorts ports = new ServicePorts(1, 2, 3, 4, 5, 6);

        assertThat(ports.edge()).isPositive().isNotEqualTo(ports.edgeAdmin());
        assertThat(ports.byName()).containsKeys("edge", "edge admin", "Kafka", "deploy-service");
    }

    @Test
    void theOperatorsSettingsFileReachesEveryServiceByItsPathOnly() throws Exception {
        LocalStack stack = stack();
        String command = String.join(" ", stack.serviceCommand("notify-service", "jdbc:postgresql://127.0.0.1:5432/slipway",
                "slipway"));
        assertThat(command).doesNotContain("quarkus.config.locations");

        java.nio.file.Files.writeString(stack.settingsFile(), "slipway.build.github.token=ghp_secret\n");

        for (String service : List.of("ingest-service", "build-service", "deploy-service", "verify-service",
                "notify-service")) {
            assertThat(stack.serviceCommand(service, "jdbc:postgresql://127.0.0.1:5432/slipway", "slipway"))
                    .contains("-Dquarkus.config.locations=" + data.resolve("slipway.properties").toUri())
                    .noneMatch(arg -> arg.contains("ghp_secret"));
        }
    }
}

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

    @Test
    void portsChosenWithoutTheEdgeGetTwoFreeOnesForIt() {
        ServicePorts ports = new ServicePorts(1, 2, 3, 4, 5, 6);

        assertThat(ports.edge()).isPositive().isNotEqualTo(ports.edgeAdmin());
        assertThat(ports.byName()).containsKeys("edge", "edge admin", "Kafka", "deploy-service");
    }
}

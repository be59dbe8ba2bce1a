package dev.slipway.edge;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.slipway.edge.EdgeClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The edge as its own process ({@link EdgeMain} in a child JVM): crash and restart, SIGTERM, bad arguments. */
class EdgeProcessTest {
    private static final Pattern LISTENING = Pattern.compile(
            "edge listening on (http://127\\.0\\.0\\.1:\\d+) \\(admin (http://127\\.0\\.0\\.1:\\d+)\\)");

    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    record Child(Process process, EdgeClient client, Path stderr) {
    }

    private Process java(Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), EdgeMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        children.add(process);
        return process;
    }

    private Child startEdge(Path dataDir, String name) throws IOException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = java(out, err, "--port", "0", "--admin-port", "0", "--data-dir", dataDir.toString());
        Matcher listening = await().atMost(WAIT).until(() -> LISTENING.matcher(Files.readString(out)),
                Matcher::find);
        return new Child(process, new EdgeClient(URI.create(listening.group(1) + "/"),
                URI.create(listening.group(2) + "/"), dir.resolve("service")), err);
    }

    @Test
    void anEdgeStartedAfterACrashTakesBackTheRouteTheRunningServiceAndThePendingStop() throws Exception {
        EdgeClient.serviceDir(dir);
        Path dataDir = dir.resolve("data");
        Child crashed = startEdge(dataDir, "a");
        EdgeClient first = crashed.client();
        long bluePid = first.prepareServing("shop", "production", "blue",
                first.slotBody(1, EdgeClient.site(dir, 1), Map.of())).path("services").get(0).path("pid").asLong();
        first.switchTo("shop", "production", "blue", 1, "PT60S");
        long greenPid = first.prepareServing("shop", "production", "green",
                first.slotBody(2, EdgeClient.site(dir, 2), Map.of())).path("services").get(0).path("pid").asLong();
        first.switchTo("shop", "production", "green", 2, "PT4S");

        crashed.process().destroyForcibly(); // SIGKILL: no shutdown hook, the services keep running
        assertThat(crashed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(bluePid).filter(ProcessHandle::isAlive)).as("retained until its stopsAt")
                .isPresent();
        assertThat(ProcessHandle.of(greenPid).filter(ProcessHandle::isAlive)).isPresent();

        try (EdgeFixture restarted = EdgeFixture.start(dir, dataDir)) {
            EdgeClient client = restarted.client;
            JsonNode environment = client.environment("shop", "production");
            assertThat(environment.path("live").path("slot").asText()).isEqualTo("green");
            assertThat(environment.path("live").path("version").asLong()).isEqualTo(2);
            JsonNode service = environment.path("slots").path("green").path("services").get(0);
            assertThat(service.path("pid").asLong()).isEqualTo(greenPid);
            assertThat(service.path("running").asBoolean()).isTrue();
            assertThat(environment.path("slots").path("blue").path("stopsAt").isTextual()).isTrue();
            assertThat(client.get("shop/production/api/version").body()).isEqualTo("v2");
            assertThat(client.get("shop/production/api/session").body()).as("the same process")
                    .isEqualTo(Long.toString(greenPid));
            assertThat(client.get("shop/production/version.txt").body()).isEqualTo("v2");

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(ProcessHandle.of(bluePid).filter(ProcessHandle::isAlive)).as("stopped at its stopsAt")
                        .isEmpty();
                assertThat(client.environment("shop", "production").path("slots").path("blue").path("stopsAt")
                        .isNull()).isTrue();
            });

            ProcessHandle.of(greenPid).ifPresent(ProcessHandle::destroy); // the adopted service ends on its own

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode ended = client.environment("shop", "production").path("slots").path("green")
                        .path("services").get(0);
                assertThat(ended.path("running").asBoolean()).isFalse();
                assertThat(ended.path("exitCode").isNull()).as("unknown for an adopted process").isTrue();
            });
            EdgeClient.Answer gone = client.get("shop/production/api/version");
            assertThat(gone.status()).isEqualTo(502);
            assertThat(gone.body()).startsWith("service api of shop/production (v2, slot green) is not answering: ");
            assertThat(gone.header("X-Slipway-Release")).isEqualTo("2");
        }
    }

    @Test
    void sigtermStopsEveryServiceGracefullyAndSaysSo() throws Exception {
        EdgeClient.serviceDir(dir);
        Child edge = startEdge(dir.resolve("data"), "edge");
        long pid = edge.client().prepareServing("shop", "production", "blue",
                edge.client().slotBody(1, null, Map.of())).path("services").get(0).path("pid").asLong();

        edge.process().destroy(); // SIGTERM

        assertThat(edge.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.readString(edge.stderr()))
                .contains("stopped service api of shop/production (v1, slot blue) (exit code 0)")
                .contains("edge stopped");
    }

    @Test
    void aBadArgumentIsNamedAndExitsWith2() throws Exception {
        Path err = dir.resolve("bad.err");
        Process process = java(dir.resolve("bad.out"), err, "--port", "http");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err)).contains("--port must be a port number");
    }
}

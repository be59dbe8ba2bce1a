package dev.slipway.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static dev.slipway.edge.EdgeClient.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The edge with real service processes: prepare, preview, switch, stop, remove, and what it refuses. */
class EdgeTest {
    @TempDir
    Path dir;
    EdgeFixture fixture;
    EdgeClient client;

    @BeforeEach
    void start() throws IOException {
        fixture = EdgeFixture.start(dir);
        client = fixture.client;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void previewAnswersBeforeTheSwitchAndTheEnvironmentUrlAfterIt() throws IOException {
        JsonNode slot = client.prepareServing("shop", "production", "blue",
                client.slotBody(1, fixture.site(1), Map.of()));

        assertThat(slot.path("slot").asText()).isEqualTo("blue");
        assertThat(slot.path("version").asLong()).isEqualTo(1);
        assertThat(slot.path("static").path("component").asText()).isEqualTo("web");
        assertThat(slot.path("services").get(0).path("port").asInt()).isPositive();
        EdgeClient.Answer previewStatic = client.preview("shop", "production", "blue", "version.txt");
        assertThat(previewStatic.status()).isEqualTo(200);
        assertThat(previewStatic.body()).isEqualTo("v1");
        assertThat(previewStatic.header("X-Slipway-Release")).isEqualTo("1");
        assertThat(client.preview("shop", "production", "blue", "api/version").body()).isEqualTo("v1");
        EdgeClient.Answer before = client.get("shop/production/version.txt");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body()).isEqualTo("no release is live in shop/production");

        JsonNode environment = client.switchTo("shop", "production", "blue", 1, "PT60S");

        assertThat(environment.path("live").path("slot").asText()).isEqualTo("blue");
        assertThat(environment.path("live").path("version").asLong()).isEqualTo(1);
        assertThat(environment.path("slots").path("green").isNull()).isTrue();
        EdgeClient.Answer file = client.get("shop/production/version.txt");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("v1");
        assertThat(file.header("X-Slipway-Release")).isEqualTo("1");
        assertThat(file.header("X-Slipway-Slot")).isEqualTo("blue");
        assertThat(file.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(file.header("Content-Type")).startsWith("text/plain");
        EdgeClient.Answer index = client.get("shop/production/");
        assertThat(index.body()).isEqualTo("<h1>release v1</h1>");
        assertThat(index.header("Content-Type")).startsWith("text/html");
        EdgeClient.Answer service = client.get("shop/production/api/version");
        assertThat(service.body()).isEqualTo("v1");
        assertThat(service.header("X-Slipway-Release")).isEqualTo("1");
        EdgeClient.Answer bare = client.get("shop/production?x=1");
        assertThat(bare.status()).isEqualTo(301);
        assertThat(bare.header("Location")).isEqualTo("/shop/production/?x=1");
        assertThat(client.get("shop/production/missing.txt").status()).isEqualTo(404);
        assertThat(client.get("shop/production/missing.txt").header("X-Slipway-Release")).isEqualTo("1");
        assertThat(client.get("").status()).isEqualTo(404);
        assertThat(client.get("shop/staging/").body()).isEqualTo("no release is live in shop/staging");
        assertThat(client.admin("GET", "health", null).json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void proxiesPathQueryBodyAndForwardedHeadersWithTheRoutePrefixStripped() throws IOException {
        client.prepareServing("shop", "production", "blue", client.slotBody(1, fixture.site(1), Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT60S");

        EdgeClient.Answer posted = client.send(HttpRequest.newBuilder(fixture.edge.publicUrl()
                        .resolve("shop/production/api/echo/x?q=1&r=a%20b"))
                .header("X-Forwarded-For", "10.0.0.7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\":42}")));

        assertThat(posted.status()).isEqualTo(200);
        JsonNode echo = posted.json();
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo("/echo/x?q=1&r=a%20b");
        assertThat(echo.path("body").asText()).isEqualTo("{\"order\":42}");
        JsonNode headers = echo.path("headers");
        assertThat(headers.path("x-forwarded-prefix").asText()).isEqualTo("/shop/production/api");
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("10.0.0.7, 127.0.0.1");
        assertThat(headers.path("x-forwarded-host").asText())
                .isEqualTo("127.0.0.1:" + fixture.edge.publicUrl().getPort());
        assertThat(client.get("shop/production/api").json().path("path").asText()).isEqualTo("/");
        assertThat(client.get("shop/production/api/").json().path("path").asText()).isEqualTo("/");
        assertThat(client.get("shop/production/apix").status()).as("not under /api").isEqualTo(404);
        assertThat(client.preview("shop", "production", "blue", "api/echo").json()
                .path("headers").path("x-forwarded-prefix").asText()).isEqualTo("/preview/shop/production/blue/api");
        EdgeClient.Answer head = client.send(HttpRequest.newBuilder(fixture.edge.publicUrl()
                .resolve("shop/production/version.txt")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("2");
        assertThat(head.body()).isEmpty();
        EdgeClient.Answer postStatic = client.send(HttpRequest.newBuilder(fixture.edge.publicUrl()
                .resolve("shop/production/version.txt")).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(postStatic.status()).isEqualTo(405);
    }

    /** FR-009: secrets reach the service and nothing else. */
    @Test
    void envValuesReachTheServiceButNeverAnswersStateFilesOrLogs() throws IOException {
        List<String> logLines = new ArrayList<>();
        Logger edgeLogger = Logger.getLogger("dev.slipway.edge");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logLines) {
                    logLines.add(new SimpleFormatter().format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        edgeLogger.addHandler(capture);
        try {
            String secret = "s3cr3t-" + UUID.randomUUID();
            JsonNode prepared = client.prepareServing("shop", "production", "blue",
                    client.slotBody(1, fixture.site(1), Map.of("API_TOKEN", secret)));
            client.switchTo("shop", "production", "blue", 1, "PT60S");

            assertThat(client.get("shop/production/api/env/API_TOKEN").body()).isEqualTo(secret);
            assertThat(client.get("shop/production/api/env/PORT").body())
                    .isEqualTo(prepared.path("services").get(0).path("port").asText());
            List<String> names = new ArrayList<>();
            client.get("shop/production/api/envnames").json().forEach(name -> names.add(name.asText()));
            assertThat(names).contains("API_TOKEN", "APP_VERSION", "PORT", "PATH");
            // of the edge's own environment only PATH, HOME and LANG reach a service (sh and the pyenv shim that
            // may run python3 here add a few of their own)
            assertThat(System.getenv().keySet()).filteredOn(names::contains)
                    .allMatch(name -> Set.of("PATH", "HOME", "LANG", "PWD", "SHLVL", "OLDPWD", "_").contains(name)
                            || name.startsWith("PYENV") || name.startsWith("_PYENV"));
            assertThat(prepared.toString()).doesNotContain(secret);
            assertThat(client.admin("GET", "environments/shop/production", null).body()).doesNotContain(secret);
            try (Stream<Path> files = Files.walk(fixture.dataDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
                }
            }
            assertThat(Files.readString(fixture.dataDir.resolve("state/shop/production.json")))
                    .contains("\"pid\"").doesNotContain("API_TOKEN");
            synchronized (logLines) {
                assertThat(logLines).anyMatch(line -> line.contains("started service api of shop/production"))
                        .noneMatch(line -> line.contains(secret));
            }
        } finally {
            edgeLogger.removeHandler(capture);
        }
    }

    @Test
    void aSwitchKeepsThePreviousSlotRunningUntilRetainPreviousThenStopsIt() throws IOException {
        client.prepareServing("shop", "production", "blue", client.slotBody(1, fixture.site(1), Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT60S");
        client.prepareServing("shop", "production", "green", client.slotBody(2, fixture.site(2), Map.of()));

        JsonNode switched = client.switchTo("shop", "production", "green", 2, "PT1S");

        assertThat(switched.path("live").path("slot").asText()).isEqualTo("green");
        JsonNode blue = switched.path("slots").path("blue");
        assertThat(blue.path("stopsAt").isTextual()).isTrue();
        assertThat(blue.path("services").get(0).path("running").asBoolean()).isTrue();
        assertThat(client.get("shop/production/api/version").body()).isEqualTo("v2");
        assertThat(client.get("shop/production/version.txt").body()).isEqualTo("v2");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode stopped = client.environment("shop", "production").path("slots").path("blue");
            assertThat(stopped.path("services").get(0).path("running").asBoolean()).isFalse();
            assertThat(stopped.path("stopsAt").isNull()).isTrue();
        });
        assertThat(client.environment("shop", "production").path("slots").path("blue").path("services").get(0)
                .path("exitCode").asInt()).as("python ended on SIGTERM by itself").isZero();
        assertThat(Files.readString(fixture.dataDir.resolve("state/shop/production.json")))
                .doesNotContain("stopsAt\" : \"");
        assertThat(client.get("shop/production/api/version").body()).isEqualTo("v2");
    }

    @Test
    void refusesToPrepareTheLiveSlotOrToSwitchToASlotNotReady() throws IOException {
        client.prepareServing("shop", "production", "blue", client.slotBody(1, fixture.site(1), Map.of()));
        JsonNode first = client.switchTo("shop", "production", "blue", 1, "PT60S");

        EdgeClient.Answer live = client.admin("PUT", "environments/shop/production/slots/blue",
                client.slotBody(2, fixture.site(2), Map.of()).toString());
        assertThat(live.status()).isEqualTo(409);
        assertThat(live.json().path("error").asText()).isEqualTo("slot blue is live; prepare the other slot");
        assertThat(live.json().path("field").asText()).isEqualTo("slot");

        EdgeClient.Answer empty = client.admin("PUT", "environments/shop/production/route",
                "{\"slot\":\"green\",\"version\":1}");
        assertThat(empty.status()).isEqualTo(409);

        client.prepareServing("shop", "production", "green", client.slotBody(2, fixture.site(2), Map.of()));
        EdgeClient.Answer otherVersion = client.admin("PUT", "environments/shop/production/route",
                "{\"slot\":\"green\",\"version\":3}");
        assertThat(otherVersion.status()).isEqualTo(409);
        assertThat(otherVersion.json().path("error").asText()).isEqualTo("slot green holds version 2, not 3");

        ObjectNode exiting = client.slotBody(4, null, Map.of());
        ((ObjectNode) exiting.path("services").get(0)).put("run", "echo bye from the service; exit 3");
        client.prepare("shop", "production", "green", exiting);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode service = client.environment("shop", "production").path("slots").path("green")
                    .path("services").get(0);
            assertThat(service.path("running").asBoolean()).isFalse();
            assertThat(service.path("exitCode").asInt()).isEqualTo(3);
            assertThat(service.path("logTail").asText()).contains("bye from the service");
        });
        EdgeClient.Answer exited = client.admin("PUT", "environments/shop/production/route",
                "{\"slot\":\"green\",\"version\":4}");
        assertThat(exited.status()).isEqualTo(409);
        assertThat(exited.json().path("error").asText()).contains("service api").contains("not running")
                .contains("exit code 3");

        JsonNode retried = client.switchTo("shop", "production", "blue", 1, "PT60S");
        assertThat(retried.path("live")).as("a retried switch changes nothing").isEqualTo(first.path("live"));
        assertThat(client.get("shop/production/api/version").body()).isEqualTo("v1");
    }

    @Test
    void staticFilesNeverEscapeTheSiteDirectory() throws IOException {
        Path site = fixture.site(1);
        Files.writeString(site.getParent().resolve("private.txt"), "private");
        Files.createSymbolicLink(site.resolve("link.txt"), site.getParent().resolve("private.txt"));
        client.prepareServing("shop", "production", "blue", client.slotBody(1, site, Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT60S");

        assertThat(client.rawGet("/shop/production/version.txt")).contains(" 200 ");
        assertThat(client.rawGet("/shop/production/../private.txt")).contains(" 404 ");
        assertThat(client.rawGet("/shop/production/%2e%2e/private.txt")).contains(" 404 ");
        assertThat(client.rawGet("/shop/production/%2E%2E%2Fprivate.txt")).contains(" 404 ");
        assertThat(client.rawGet("/shop/production/..%2f..%2fetc%2fpasswd")).contains(" 404 ");
        assertThat(client.rawGet("/shop/production/link.txt")).as("symlink out of the site").contains(" 404 ");
        assertThat(client.rawGet("/preview/shop/production/blue/../private.txt")).contains(" 404 ");
    }

    @Test
    void removingAnEnvironmentStopsItsServicesAndForgetsIt() throws IOException {
        JsonNode blue = client.prepareServing("shop", "production", "blue",
                client.slotBody(1, fixture.site(1), Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT60S");
        JsonNode green = client.prepareServing("shop", "production", "green",
                client.slotBody(2, fixture.site(2), Map.of()));
        long bluePid = blue.path("services").get(0).path("pid").asLong();
        long greenPid = green.path("services").get(0).path("pid").asLong();

        EdgeClient.Answer removed = client.admin("DELETE", "environments/shop/production", null);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("removed").asBoolean()).isTrue();
        assertThat(ProcessHandle.of(bluePid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(greenPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(client.get("shop/production/version.txt").status()).isEqualTo(404);
        assertThat(client.get("shop/production/api/version").status()).isEqualTo(404);
        assertThat(client.admin("GET", "environments/shop/production", null).status()).isEqualTo(404);
        assertThat(fixture.dataDir.resolve("state/shop/production.json")).doesNotExist();
        EdgeClient.Answer again = client.admin("DELETE", "environments/shop/production", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("removed").asBoolean()).isFalse();
    }

    @Test
    void stoppingASlotThatIsNotLive() throws IOException {
        client.prepareServing("shop", "production", "blue", client.slotBody(1, fixture.site(1), Map.of()));
        client.switchTo("shop", "production", "blue", 1, "PT60S");
        client.prepareServing("shop", "production", "green", client.slotBody(2, fixture.site(2), Map.of()));

        EdgeClient.Answer live = client.admin("DELETE", "environments/shop/production/slots/blue", null);
        EdgeClient.Answer idle = client.admin("DELETE", "environments/shop/production/slots/green", null);

        assertThat(live.status()).isEqualTo(409);
        assertThat(idle.status()).isEqualTo(200);
        assertThat(idle.json().path("slots").path("green").path("services").get(0).path("running").asBoolean())
                .isFalse();
        assertThat(client.get("shop/production/api/version").body()).isEqualTo("v1");
        assertThat(client.admin("DELETE", "environments/shop/nothing/slots/green", null).status()).isEqualTo(404);
    }
}

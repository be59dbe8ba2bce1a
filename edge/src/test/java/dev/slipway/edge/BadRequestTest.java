package dev.slipway.edge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to the admin API is refused with 400 and the field that is wrong; nothing is started. */
class BadRequestTest {
    private static final String SERVICE = "{\"component\":\"api\",\"route\":\"/api\",\"run\":\"true\",\"dir\":\"%DIR%\"}";
    private static final String SLOT = "{\"version\":1,\"static\":null,\"services\":[" + SERVICE + "]}";

    @TempDir
    static Path dir;
    static EdgeFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = EdgeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<Arguments> badRequests() {
        String blue = "environments/shop/production/slots/blue";
        String route = "environments/shop/production/route";
        return Stream.of(
                Arguments.of("PUT", "environments/shop/production/slots/purple", SLOT, "slot"),
                Arguments.of("DELETE", "environments/shop/production/slots/purple", null, "slot"),
                Arguments.of("PUT", "environments/Shop/production/slots/blue", SLOT, "app"),
                Arguments.of("GET", "environments/shop/prod_1", null, "environment"),
                Arguments.of("PUT", blue, SLOT.replace("\"version\":1", "\"version\":0"), "version"),
                Arguments.of("PUT", blue, SLOT.replace("\"version\":1", "\"versoin\":1"), "versoin"),
                Arguments.of("PUT", blue, SLOT.replace("%DIR%", "relative/dir"), "services[0].dir"),
                Arguments.of("PUT", blue, SLOT.replace("%DIR%", "/no/such/dir"), "services[0].dir"),
                Arguments.of("PUT", blue, SLOT.replace("\"static\":null",
                        "\"static\":{\"component\":\"web\",\"dir\":\"site\"}"), "static.dir"),
                Arguments.of("PUT", blue, SLOT.replace("\"static\":null",
                        "\"static\":{\"component\":\"Web\",\"dir\":\"%DIR%\"}"), "static.component"),
                Arguments.of("PUT", blue, SLOT.replace("\"route\":\"/api\"", "\"route\":\"/\""), "services[0].route"),
                Arguments.of("PUT", blue, SLOT.replace("\"route\":\"/api\"", "\"route\":\"api\""), "services[0].route"),
                Arguments.of("PUT", blue, SLOT.replace("\"route\":\"/api\"", "\"route\":\"/a/../b\""),
                        "services[0].route"),
                Arguments.of("PUT", blue, SLOT.replace("]", "," + SERVICE.replace("\"api\"", "\"api2\"") + "]"),
                        "services[1].route"),
                Arguments.of("PUT", blue, SLOT.replace("\"component\":\"api\"", "\"component\":\"API\""),
                        "services[0].component"),
                Arguments.of("PUT", blue, SLOT.replace("\"run\":\"true\"", "\"run\":\" \""), "services[0].run"),
                Arguments.of("PUT", blue, SLOT.replace("\"run\":\"true\"", "\"run\":\"true\",\"env\":{\"K\":1}"),
                        "services[0].env.K"),
                Arguments.of("PUT", blue, "{\"version\": 1, \"services\": [", null),
                Arguments.of("PUT", route, "{\"slot\":\"purple\",\"version\":1}", "slot"),
                Arguments.of("PUT", route, "{\"slot\":\"blue\",\"version\":1,\"retainPrevious\":\"soon\"}",
                        "retainPrevious"),
                Arguments.of("PUT", route, "{\"slot\":\"blue\",\"version\":1,\"retainPrevious\":\"-PT1S\"}",
                        "retainPrevious"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void refusedNamingTheField(String method, String path, String body, String field) {
        String serviceDir = dir.resolve("service").toString();

        EdgeClient.Answer answer = fixture.client.admin(method, path, body == null ? null
                : body.replace("%DIR%", serviceDir));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isNotBlank();
        if (field == null) {
            assertThat(answer.json().path("field").isNull()).isTrue();
        } else {
            assertThat(answer.json().path("field").asText()).isEqualTo(field);
        }
        assertThat(fixture.client.admin("GET", "environments/shop/production", null).status())
                .as("nothing was prepared").isEqualTo(404);
    }

    /** DNS rebinding: a page that resolved its own name to 127.0.0.1 must not drive the admin API. */
    @Test
    void requestsAddressedToAnotherHostAreRefused() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fixture.edge.adminUrl().getPort())) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: attacker.example:" + fixture.edge.adminUrl()
                    .getPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("127.0.0.1 or localhost only");
        }
        assertThat(fixture.client.admin("GET", "health", null).status()).isEqualTo(200);
    }
}

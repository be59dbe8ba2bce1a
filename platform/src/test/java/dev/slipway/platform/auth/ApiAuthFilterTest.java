package dev.slipway.platform.auth;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.slipway.platform.auth.TokensFileTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The filter in a running service, through real HTTP (access controls on deployment triggers, SPEC "Security").
 * The tokens file is written after the service started, as {@code ./slipway token create} would.
 */
@QuarkusTest
class ApiAuthFilterTest {
    private static final String VIEWER = "slw_" + "V".repeat(43);
    private static final String DEPLOYER = "slw_" + "D".repeat(43);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @BeforeAll
    static void writeTokens() throws IOException {
        // the file slipway.auth.tokens-file names in src/test/resources/application.properties
        Path file = Path.of("target/auth-test/tokens");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line("ci", "viewer", VIEWER) + "\n" + line("alice", "deployer", DEPLOYER) + "\n");
    }

    private HttpResponse<String> send(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + root.getRawAuthority() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitTokensRead() {
        await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", "/api/auth-probe", VIEWER).statusCode() == 200);
    }

    @Test
    void withoutATokenTheAnswerIs401WithAChallengeAndWhatToDo() {
        awaitTokensRead();
        HttpResponse<String> answer = send("GET", "/api/auth-probe", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"slipway\"");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).contains("\"error\":").contains("send Authorization: Bearer <token>");
    }

    @Test
    void theRoleOfTheTokenDecidesAndTheCallerIsThePrincipal() {
        awaitTokensRead();

        assertThat(send("GET", "/api/auth-probe", VIEWER).body()).isEqualTo("ci viewer");
        assertThat(send("HEAD", "/api/auth-probe", VIEWER).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("POST", "/api/auth-probe", VIEWER);
        assertThat(refused.statusCode()).as("an unannotated POST needs a deployer").isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"error\":\"token 'ci' has role viewer; this needs deployer\"}");
        assertThat(send("POST", "/api/auth-probe/search", VIEWER).body()).isEqualTo("ci viewer");
        assertThat(send("POST", "/api/auth-probe", DEPLOYER).body()).isEqualTo("alice deployer");
        assertThat(send("GET", "/api/auth-probe", "slw_" + "X".repeat(43)).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyMatchedApiMethodsNeedATokenAndCapabilityUrlsNone() {
        assertThat(send("GET", "/api/auth-probe/capability", null).body()).isEqualTo("nobody");
        assertThat(send("POST", "/outside-api", null).body()).isEqualTo("nobody");
        assertThat(send("GET", "/q/health/live", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/no-such-thing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPathSpelledDifferentlyStillNeedsAToken() {
        for (String path : new String[]{"//api/auth-probe", "/api//auth-probe", "/outside-api/../api/auth-probe",
                "/api/./auth-probe", "/%61pi/auth-probe"}) {
            assertThat(send("POST", path, null).statusCode()).as(path).isEqualTo(401);
        }
    }
}

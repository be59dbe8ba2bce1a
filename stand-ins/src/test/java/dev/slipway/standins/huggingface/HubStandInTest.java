package dev.slipway.standins.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hub stand-in checks every request against the Hub's recorded interactions (FR-004). */
class HubStandInTest {
    private static final String TOKEN = "hf_standin_token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubStandIn hub = HubStandIn.start(TOKEN);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    @DisplayName("FR-004: every recorded request, replayed, is accepted and answered with the recorded answer's shape")
    void acceptsEveryRecordedRequest() throws Exception {
        List<HubRecordings.Interaction> recorded = HubRecordings.load().interactions().stream()
                .filter(i -> !i.source().equals(HubRecordings.UNRECORDED)).toList();
        assertThat(recorded).hasSizeGreaterThan(40);
        String cassette = null;
        int compared = 0;
        for (HubRecordings.Interaction interaction : recorded) {
            if (!interaction.source().equals(cassette)) {
                hub.close();
                hub = HubStandIn.start(TOKEN);
                cassette = interaction.source();
            }
            URI recordedUri = URI.create(interaction.uri());
            HttpResponse<String> answer = send(interaction.method(), recordedUri.getRawPath()
                            + (recordedUri.getRawQuery() == null ? "" : "?" + recordedUri.getRawQuery()),
                    interaction.contentType(), interaction.body(), TOKEN);
            String what = interaction.source() + ": " + interaction.method() + " " + interaction.uri();
            assertThat(answer.statusCode()).as(what).isNotEqualTo(400);
            boolean existedWhenRecorded = interaction.status() == 409;
            boolean otherUsersSpace = interaction.uri().contains("/victor/");
            if (existedWhenRecorded || otherUsersSpace) {
                // recorded against a Space that existed before the test began; here it does not
                continue;
            }
            assertThat(answer.statusCode()).as(what).isEqualTo(interaction.status());
            if (interaction.answerContentType().equals("application/json")) {
                assertThat(HubRecordings.difference("answer", JSON.readTree(answer.body()),
                        JSON.readTree(interaction.answer()))).as(what).isEmpty();
            }
            compared++;
        }
        assertThat(compared).isEqualTo(recorded.size() - 2);
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a commit that is not NDJSON is refused: the recordings send application/x-ndjson")
    void refusesCommitWithWrongContentType() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/spaces/acme/shop/commit/main", "application/json",
                "{\"key\": \"header\", \"value\": {\"summary\": \"s\", \"description\": \"\"}}", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Content-Type application/x-ndjson, got application/json");
        assertThat(hub.violations()).singleElement().asString().contains("commit/main");
    }

    @Test
    @DisplayName("FR-004: an NDJSON line with a key no recording has is refused")
    void refusesUnknownNdjsonKey() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson",
                header() + "{\"key\": \"lfsFile\", \"value\": {\"path\": \"a.bin\", \"algo\": \"sha256\","
                        + " \"oid\": \"abc\", \"size\": 3}}\n", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(hub.violations()).singleElement().asString().contains("line 2 has key 'lfsFile'");
    }

    @Test
    @DisplayName("FR-004: a file line without its encoding, or a commit without its header line, is refused")
    void refusesMalformedNdjsonLines() throws Exception {
        send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson",
                header() + "{\"key\": \"file\", \"value\": {\"content\": \"\", \"path\": \"a\"}}\n", TOKEN);
        send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson",
                "{\"key\": \"deletedFile\", \"value\": {\"path\": \"a\"}}\n", TOKEN);

        assertThat(hub.violations()).hasSize(2);
        assertThat(hub.violations().get(0)).contains("missing [encoding]");
        assertThat(hub.violations().get(1)).contains("line 1 must be the 'header' line");
    }

    @Test
    @DisplayName("FR-004: creating a repository without its type is refused; so is a type of the wrong kind")
    void refusesCreateWithoutType() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/repos/create", "application/json",
                "{\"name\": \"shop\", \"organization\": \"acme\", \"private\": true, \"sdk\": \"docker\"}", TOKEN);
        send("POST", "/api/repos/create", "application/json",
                "{\"name\": \"shop\", \"organization\": \"acme\", \"private\": \"yes\", \"type\": \"space\","
                        + " \"sdk\": \"docker\"}", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(hub.violations()).hasSize(2);
        assertThat(hub.violations().get(0)).contains("missing [type]");
        assertThat(hub.violations().get(1)).contains("body.private is a string where the recordings have a boolean");
        assertThat(hub.exists("acme/shop")).isFalse();
    }

    @Test
    @DisplayName("FR-004: a path no recording has is refused, naming what is recorded there")
    void refusesUnknownPath() throws Exception {
        HttpResponse<String> tree = send("GET", "/api/spaces/acme/shop/tree/main", null, null, TOKEN);
        HttpResponse<String> expand = send("GET", "/api/spaces/acme/shop/revision/main?expand=sha", null, null, TOKEN);

        assertThat(tree.statusCode()).isEqualTo(400);
        assertThat(expand.statusCode()).isEqualTo(400);
        assertThat(hub.violations().get(0)).contains("no recorded interaction for GET /api/spaces/{owner}/{name}/tree/main");
        assertThat(hub.violations().get(1)).contains("recorded on this path: GET",
                "revision/main?expand=xetEnabled");
    }

    @Test
    @DisplayName("FR-004: a wrong token is answered 401, like the Hub")
    void refusesWrongToken() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/spaces/acme/shop/runtime", null, null, "hf_wrong");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a Space builds over the configured polls, then its app answers with the committed VERSION")
    void buildsAndServes() throws Exception {
        hub.buildPolls(1);
        create();
        String files = header() + fileLine("Dockerfile", "FROM scratch\n") + fileLine("VERSION", "42\n");
        HttpResponse<String> commit = send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson", files,
                TOKEN);
        assertThat(commit.statusCode()).isEqualTo(200);
        URI app = URI.create(hub.appUrlTemplate().replace("{owner}", "acme").replace("{name}", "shop"));

        assertThat(get(app.resolve("health")).statusCode()).isEqualTo(503);
        assertThat(stage()).isEqualTo("BUILDING");
        assertThat(stage()).isEqualTo("RUNNING");
        assertThat(get(app.resolve("health")).body()).isEqualTo("ok");
        assertThat(get(app.resolve("version")).body()).isEqualTo("42");
        assertThat(hub.files("acme/shop")).containsKeys(".gitattributes", "README.md", "Dockerfile", "VERSION");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a build asked to fail ends in its error stage with the Hub's errorMessage")
    void failsBuildOnRequest() throws Exception {
        hub.buildPolls(0);
        hub.failNextBuild("BUILD_ERROR", "Step 3/5 failed");
        create();
        send("POST", "/api/spaces/acme/shop/restart", null, null, TOKEN);

        JsonNode runtime = JSON.readTree(send("GET", "/api/spaces/acme/shop/runtime", null, null, TOKEN).body());
        assertThat(runtime.path("stage").asText()).isEqualTo("BUILD_ERROR");
        assertThat(runtime.path("errorMessage").asText()).isEqualTo("Step 3/5 failed");
    }

    @Test
    @DisplayName("FR-004: injected 503s are answered before the request is handled")
    void failsNextRequests() throws Exception {
        hub.failNextRequests(2, 503);

        assertThat(create().statusCode()).isEqualTo(503);
        assertThat(create().statusCode()).isEqualTo(503);
        assertThat(create().statusCode()).isEqualTo(200);
        assertThat(create().statusCode()).isEqualTo(409);
    }

    @Test
    @DisplayName("FR-004: a request's toString never shows its body, where secret values travel")
    void requestsHideBodies() throws Exception {
        create();
        send("POST", "/api/spaces/acme/shop/secrets", "application/json",
                "{\"key\": \"DB_PASSWORD\", \"value\": \"s3cr3t-value\"}", TOKEN);

        assertThat(hub.requests().toString()).doesNotContain("s3cr3t-value");
        assertThat(hub.secretNames("acme/shop")).containsExactly("DB_PASSWORD");
        assertThat(hub.hasSecret("acme/shop", "DB_PASSWORD", "s3cr3t-value")).isTrue();
    }

    @Test
    @DisplayName("FR-004: with a restart lag the runtime shows the stage from before a commit and restart that many times")
    void lagsBehindCommitAndRestart() throws Exception {
        hub.buildPolls(1);
        create();
        send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson",
                header() + fileLine("Dockerfile", "FROM scratch\n"), TOKEN);
        assertThat(stage()).isEqualTo("BUILDING");
        assertThat(stage()).isEqualTo("RUNNING");
        hub.restartLag(2);

        send("POST", "/api/spaces/acme/shop/commit/main", "application/x-ndjson",
                header() + fileLine("Dockerfile", "FROM scratch\nEXPOSE 80\n"), TOKEN);
        JsonNode restart = JSON.readTree(send("POST", "/api/spaces/acme/shop/restart", null, null, TOKEN).body());

        assertThat(restart.path("stage").asText()).isEqualTo("RUNNING");
        assertThat(stage()).isEqualTo("RUNNING");
        assertThat(hub.stage("acme/shop")).isEqualTo("BUILDING");
        assertThat(stage()).isEqualTo("BUILDING");
        assertThat(stage()).isEqualTo("RUNNING");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a secret asked to be refused is answered 4xx with an error quoting its value, and not kept")
    void refusesNextSecret() throws Exception {
        create();
        hub.refuseNextSecret(422);

        HttpResponse<String> refused = send("POST", "/api/spaces/acme/shop/secrets", "application/json",
                "{\"key\": \"DB_PASSWORD\", \"value\": \"s3cr3t-value\"}", TOKEN);
        HttpResponse<String> kept = send("POST", "/api/spaces/acme/shop/secrets", "application/json",
                "{\"key\": \"DB_PASSWORD\", \"value\": \"other-value\"}", TOKEN);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("s3cr3t-value");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(hub.hasSecret("acme/shop", "DB_PASSWORD", "other-value")).isTrue();
        assertThat(hub.violations()).isEmpty();
    }

    private String stage() throws Exception {
        return JSON.readTree(send("GET", "/api/spaces/acme/shop/runtime", null, null, TOKEN).body())
                .path("stage").asText();
    }

    private HttpResponse<String> create() throws Exception {
        return send("POST", "/api/repos/create", "application/json", "{\"name\": \"shop\", \"organization\":"
                + " \"acme\", \"private\": true, \"type\": \"space\", \"sdk\": \"docker\"}", TOKEN);
    }

    private static String header() {
        return "{\"key\": \"header\", \"value\": {\"summary\": \"deploy\", \"description\": \"\"}}\n";
    }

    private static String fileLine(String path, String content) {
        return "{\"key\": \"file\", \"value\": {\"content\": \""
                + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))
                + "\", \"path\": \"" + path + "\", \"encoding\": \"base64\"}}\n";
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String contentType, String body,
                                      String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(contentType).ifPresent(type -> request.header("Content-Type", type));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

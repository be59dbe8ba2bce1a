package dev.slipway.standins.netlify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-003: the Netlify stand-in behaves like the API for a file-digest deploy and holds clients to the published description. */
class NetlifyStandInTest {

    private static final String TOKEN = "nfp_standin-test-token";
    private static final String INDEX = "<h1>hello</h1>";
    private static final String APP = "console.log('hi')";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private NetlifyStandIn netlify;
    private NetlifyStandIn.Site site;

    @BeforeEach
    void start() {
        netlify = new NetlifyStandIn(TOKEN);
        site = netlify.createSite("shop-staging");
    }

    @AfterEach
    void stop() {
        netlify.close();
    }

    @Test
    @DisplayName("FR-003: a create-deploy body with files as a list breaks the description: 422 and recorded")
    void rejectsFilesAsAList() throws Exception {
        HttpResponse<String> answer = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":[\"/index.html\"],\"draft\":true}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("validation.request.body.schema.type").contains("/files");
        assertThat(netlify.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("request");
            assertThat(v.method()).isEqualTo("POST");
            assertThat(v.path()).isEqualTo("/api/v1/sites/" + site.id() + "/deploys");
        });
        assertThat(netlify.deploys(site.id())).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a field the description does not have (title in the body, not the query) is rejected")
    void rejectsUnknownBodyField() throws Exception {
        HttpResponse<String> answer = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":{},\"title\":\"v1\"}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("additionalProperties").contains("title");
        assertThat(netlify.violations()).hasSize(1);
    }

    @Test
    @DisplayName("FR-003: unknown paths and wrong methods are rejected with 422 and recorded")
    void rejectsUnknownPathAndWrongMethod() throws Exception {
        HttpResponse<String> unknown = api("GET", "/sites/" + site.id() + "/nonsense", null, null);
        HttpResponse<String> wrongMethod = api("DELETE", "/sites/" + site.id() + "/deploys/abc/restore", null, null);

        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("validation.request.path.missing");
        assertThat(wrongMethod.statusCode()).isEqualTo(422);
        assertThat(wrongMethod.body()).contains("validation.request.operation.notAllowed");
        assertThat(netlify.violations()).extracting(NetlifyStandIn.Violation::method).containsExactly("GET", "DELETE");
    }

    @Test
    @DisplayName("FR-003: a file upload must be application/octet-stream at one {path} segment")
    void rejectsBadUploads() throws Exception {
        String deployId = createDeploy(Map.of("/assets/app.js", sha1(APP)), null).path("id").asText();

        HttpResponse<String> asJson = api("PUT", "/deploys/" + deployId + "/files/assets%2Fapp.js", "application/json", "{}");
        HttpResponse<String> unescaped = api("PUT", "/deploys/" + deployId + "/files/assets/app.js",
                "application/octet-stream", APP);

        assertThat(asJson.statusCode()).isEqualTo(422);
        assertThat(asJson.body()).contains("validation.request.contentType.notAllowed");
        assertThat(unescaped.statusCode()).isEqualTo(422);
        assertThat(unescaped.body()).contains("validation.request.path.missing");
        assertThat(netlify.violations()).hasSize(2);
        assertThat(netlify.deploy(deployId).state()).isEqualTo("uploading");
    }

    @Test
    @DisplayName("FR-003: files must map to SHA1 digests, as the description says")
    void rejectsFilesThatAreNotDigests() throws Exception {
        HttpResponse<String> answer = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":{\"/index.html\":\"not-a-digest\"},\"draft\":true}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("SHA1").contains("/index.html");
        assertThat(netlify.violations()).hasSize(1);
    }

    @Test
    @DisplayName("FR-003: draft deploy, upload what is required, ready, restore publishes it; every answer follows the description")
    void fullDeployFlow() throws Exception {
        JsonNode created = createDeploy(Map.of("/index.html", sha1(INDEX), "/assets/app.js", sha1(APP),
                "/copy/index.html", sha1(INDEX)), "v1");
        String deployId = created.path("id").asText();
        assertThat(created.path("state").asText()).isEqualTo("uploading");
        assertThat(created.path("draft").asBoolean()).isTrue();
        assertThat(created.path("title").asText()).isEqualTo("v1");
        assertThat(jsonList(created.path("required"))).containsExactlyInAnyOrder(sha1(INDEX), sha1(APP));

        assertThat(api("PUT", "/deploys/" + deployId + "/files/index.html", "application/octet-stream", INDEX)
                .statusCode()).isEqualTo(200);
        assertThat(deployState(deployId)).isEqualTo("uploading");
        HttpResponse<String> upload = api("PUT", "/deploys/" + deployId + "/files/assets%2Fapp.js",
                "application/octet-stream", APP);
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(json.readTree(upload.body()).path("path").asText()).isEqualTo("/assets/app.js");
        assertThat(deployState(deployId)).isEqualTo("ready");

        URI draftUrl = URI.create(created.path("deploy_url").asText());
        assertThat(get(draftUrl).body()).isEqualTo(INDEX);
        assertThat(get(draftUrl.resolve("copy/")).body()).isEqualTo(INDEX);
        assertThat(get(draftUrl.resolve("assets/app.js")).body()).isEqualTo(APP);
        assertThat(get(site.url()).statusCode()).as("a draft is not published").isEqualTo(404);

        HttpResponse<String> restore = api("POST", "/sites/" + site.id() + "/deploys/" + deployId + "/restore", null, null);
        assertThat(restore.statusCode()).isEqualTo(201);
        assertThat(get(site.url()).body()).isEqualTo(INDEX);
        assertThat(netlify.publishedDeployId(site.id())).contains(deployId);
        HttpResponse<String> siteAnswer = api("GET", "/sites/" + site.id(), null, null);
        assertThat(json.readTree(siteAnswer.body()).path("published_deploy").path("id").asText()).isEqualTo(deployId);
        assertThat(json.readTree(siteAnswer.body()).path("account_id").asText()).isEqualTo(site.accountId());

        assertThat(netlify.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a second deploy requires only the digests the site has not seen")
    void secondDeployRequiresOnlyNewContent() throws Exception {
        String first = createDeploy(Map.of("/index.html", sha1(INDEX), "/assets/app.js", sha1(APP)), null)
                .path("id").asText();
        api("PUT", "/deploys/" + first + "/files/index.html", "application/octet-stream", INDEX);
        api("PUT", "/deploys/" + first + "/files/assets%2Fapp.js", "application/octet-stream", APP);

        String changed = "console.log('v2')";
        JsonNode second = createDeploy(Map.of("/index.html", sha1(INDEX), "/assets/app.js", sha1(changed)), null);

        assertThat(jsonList(second.path("required"))).containsExactly(sha1(changed));
        assertThat(netlify.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a file whose bytes do not match the announced digest is refused")
    void refusesMismatchedUpload() throws Exception {
        String deployId = createDeploy(Map.of("/index.html", sha1(INDEX)), null).path("id").asText();

        HttpResponse<String> answer = api("PUT", "/deploys/" + deployId + "/files/index.html",
                "application/octet-stream", "something else");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("announced");
        assertThat(deployState(deployId)).isEqualTo("uploading");
    }

    @Test
    @DisplayName("FR-003: a missing or wrong token gets 401, as from Netlify")
    void requiresTheToken() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(netlify.apiBase() + "/sites/" + site.id()))
                .GET().build());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(netlify.apiBase() + "/sites/" + site.id()))
                .header("Authorization", "Bearer nope").GET().build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(netlify.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-003: injected faults: failing requests (with headers), a deploy ending in error, a deploy processing for a while")
    void faultInjection() throws Exception {
        netlify.failNextRequests(2, 503);
        assertThat(api("GET", "/sites/" + site.id(), null, null).statusCode()).isEqualTo(503);
        assertThat(api("GET", "/sites/" + site.id(), null, null).statusCode()).isEqualTo(503);
        assertThat(api("GET", "/sites/" + site.id(), null, null).statusCode()).isEqualTo(200);

        netlify.failNextRequests(1, 429, Map.of("Retry-After", "7"));
        HttpResponse<String> limited = api("GET", "/sites/" + site.id(), null, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(api("GET", "/sites/" + site.id(), null, null).statusCode()).isEqualTo(200);

        netlify.failNextDeploy("Build script returned non-zero exit code: 2");
        String failing = createDeploy(Map.of("/index.html", sha1(INDEX)), null).path("id").asText();
        api("PUT", "/deploys/" + failing + "/files/index.html", "application/octet-stream", INDEX);
        JsonNode failed = json.readTree(api("GET", "/deploys/" + failing, null, null).body());
        assertThat(failed.path("state").asText()).isEqualTo("error");
        assertThat(failed.path("error_message").asText()).isEqualTo("Build script returned non-zero exit code: 2");

        netlify.keepNextDeployProcessing(2);
        String slow = createDeploy(Map.of("/index.html", sha1(INDEX)), null).path("id").asText();
        assertThat(deployState(slow)).isEqualTo("processing");
        assertThat(deployState(slow)).isEqualTo("ready");
        assertThat(netlify.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-003, FR-005: a deploy keeps its own environment variables as sent; the site's are untouched")
    void deployEnvironment() throws Exception {
        HttpResponse<String> answer = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":{\"/index.html\":\"" + sha1(INDEX) + "\"},\"draft\":true,\"environment\":["
                        + "{\"key\":\"API_URL\",\"value\":\"https://api\",\"is_secret\":false,"
                        + "\"scopes\":[\"builds\",\"functions\",\"runtime\",\"post-processing\"]}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String deployId = json.readTree(answer.body()).path("id").asText();
        assertThat(netlify.deploy(deployId).environment()).containsExactly(new NetlifyStandIn.DeployVariable(
                "API_URL", "https://api", false, List.of("builds", "functions", "runtime", "post-processing")));
        assertThat(netlify.envValues(site.id(), "production")).isEmpty();
        assertThat(createDeploy(Map.of("/index.html", sha1(INDEX)), null).path("id").asText())
                .satisfies(plain -> assertThat(netlify.deploy(plain).environment()).isEmpty());
        assertThat(netlify.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a deploy variable without is_secret or with a scope Netlify does not have breaks the description")
    void rejectsBadDeployEnvironment() throws Exception {
        HttpResponse<String> noSecretFlag = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":{},\"environment\":[{\"key\":\"A\",\"value\":\"1\",\"scopes\":[\"builds\"]}]}");
        HttpResponse<String> badScope = api("POST", "/sites/" + site.id() + "/deploys", "application/json",
                "{\"files\":{},\"environment\":[{\"key\":\"A\",\"value\":\"1\",\"is_secret\":false,"
                        + "\"scopes\":[\"everything\"]}]}");

        assertThat(noSecretFlag.statusCode()).isEqualTo(422);
        assertThat(noSecretFlag.body()).contains("is_secret");
        assertThat(badScope.statusCode()).isEqualTo(422);
        assertThat(badScope.body()).contains("everything");
        assertThat(netlify.violations()).hasSize(2);
        assertThat(netlify.deploys(site.id())).isEmpty();
    }

    @Test
    @DisplayName("FR-003: environment variables per deploy context, created then overwritten for one context")
    void environmentVariables() throws Exception {
        String env = "/accounts/" + site.accountId() + "/env?site_id=" + site.id();
        HttpResponse<String> created = api("POST", env, "application/json",
                "[{\"key\":\"API_URL\",\"values\":[{\"value\":\"https://prod\",\"context\":\"production\"}]}]");
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> patched = api("PATCH", "/accounts/" + site.accountId() + "/env/API_URL?site_id=" + site.id(),
                "application/json", "{\"context\":\"branch\",\"context_parameter\":\"staging\",\"value\":\"https://staging\"}");
        assertThat(patched.statusCode()).isEqualTo(201);
        api("PATCH", "/accounts/" + site.accountId() + "/env/API_URL?site_id=" + site.id(),
                "application/json", "{\"context\":\"production\",\"value\":\"https://prod2\"}");

        assertThat(netlify.envValues(site.id(), "production")).containsExactly(Map.entry("API_URL", "https://prod2"));
        assertThat(netlify.envValues(site.id(), "branch:staging")).containsExactly(Map.entry("API_URL", "https://staging"));
        JsonNode listed = json.readTree(api("GET", env, null, null).body());
        assertThat(listed.get(0).path("values")).hasSize(2);

        HttpResponse<String> badContext = api("POST", env, "application/json",
                "[{\"key\":\"X\",\"values\":[{\"value\":\"1\",\"context\":\"staging\"}]}]");
        assertThat(badContext.statusCode()).isEqualTo(422);
        assertThat(netlify.violations()).hasSize(1);
    }

    @Test
    @DisplayName("FR-003: _redirects on a deploy: a forced 200 to a URL proxies, a file shadows an unforced rule, 301 redirects")
    void redirects() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try {
            String backendUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
            String rules = "# api to the backend\n"
                    + "/api/*  " + backendUrl + "/v1/:splat  200!\n"
                    + "/old    /new.html  301\n"
                    + "/shadowed  " + backendUrl + "/never  200\n";
            String shadowed = "local file";
            String deployId = createDeploy(Map.of("/index.html", sha1(INDEX), "/_redirects", sha1(rules),
                    "/shadowed", sha1(shadowed)), null).path("id").asText();
            api("PUT", "/deploys/" + deployId + "/files/index.html", "application/octet-stream", INDEX);
            api("PUT", "/deploys/" + deployId + "/files/_redirects", "application/octet-stream", rules);
            api("PUT", "/deploys/" + deployId + "/files/shadowed", "application/octet-stream", shadowed);
            URI draft = netlify.deployUrl(deployId);

            HttpResponse<String> proxied = get(draft.resolve("api/items/7?x=1"));
            assertThat(proxied.statusCode()).isEqualTo(200);
            assertThat(proxied.body()).isEqualTo("GET /v1/items/7?x=1");
            HttpResponse<String> posted = send(HttpRequest.newBuilder(draft.resolve("api/orders"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(posted.body()).isEqualTo("POST /v1/orders");
            assertThat(get(draft.resolve("shadowed")).body()).isEqualTo(shadowed);
            HttpResponse<String> moved = get(draft.resolve("old"));
            assertThat(moved.statusCode()).isEqualTo(301);
            assertThat(moved.headers().firstValue("Location")).contains("/new.html");
            assertThat(get(draft.resolve("_redirects")).statusCode()).isEqualTo(404);
        } finally {
            backend.stop(0);
        }
    }

    // ---- helpers

    private JsonNode createDeploy(Map<String, String> files, String title) throws Exception {
        String query = title == null ? "" : "?title=" + title;
        HttpResponse<String> answer = api("POST", "/sites/" + site.id() + "/deploys" + query, "application/json",
                json.writeValueAsString(Map.of("files", files, "draft", true)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private String deployState(String deployId) throws Exception {
        return json.readTree(api("GET", "/deploys/" + deployId, null, null).body()).path("state").asText();
    }

    private HttpResponse<String> api(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(netlify.apiBase() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> jsonList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String sha1(String text) {
        return NetlifyStandIn.sha1(text.getBytes(StandardCharsets.UTF_8));
    }
}

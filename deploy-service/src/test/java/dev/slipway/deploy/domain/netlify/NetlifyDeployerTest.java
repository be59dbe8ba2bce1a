package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.FakeTime;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.standins.netlify.NetlifyStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FR-003: a static frontend goes to Netlify as a draft deploy, is verified at its own URL and published; FR-008:
 * publishing an earlier deploy again is the rollback. Every request is checked by the stand-in against swagger.yml.
 */
class NetlifyDeployerTest {

    private static final String TOKEN = "nfp_deployer-test-51c0ffee";
    private static final String INDEX = "<!doctype html><h1>shop v1</h1>";
    private static final String APP = "console.log('v1')";

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new ArrayList<>();
    private NetlifyStandIn netlify;
    private NetlifyStandIn.Site site;
    private NetlifyDeployer deployer;
    private Path siteDir;

    @BeforeEach
    void start() throws IOException {
        netlify = new NetlifyStandIn(TOKEN);
        site = netlify.createSite("shop-frontend");
        deployer = new NetlifyDeployer(new NetlifyClient(NetlifyClientTest.settings(netlify.apiBase()), TOKEN, time, time));
        siteDir = tmp.resolve("site");
        write("index.html", INDEX);
        write("assets/app.js", APP);
        write("assets/same-as-app.js", APP);
        write(".well-known/security.txt", "Contact: mailto:security@example.com");
        write(".env", "SECRET=never-deployed");
    }

    @AfterEach
    void stop() {
        assertThat(netlify.violations()).as("requests and answers follow Netlify's swagger.yml").isEmpty();
        netlify.close();
    }

    @Test
    @DisplayName("FR-003: draft deploy, upload only what Netlify requires, ready at its own URL, then publish")
    void draftThenPublish() throws Exception {
        NetlifyDraft draft = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, "shop v1 (abc1234)",
                log::add);

        NetlifyStandIn.Deployment deploy = netlify.deploy(draft.deployId());
        assertThat(deploy.state()).isEqualTo("ready");
        assertThat(deploy.draft()).isTrue();
        assertThat(deploy.title()).isEqualTo("shop v1 (abc1234)");
        assertThat(deploy.files()).containsOnlyKeys("/index.html", "/assets/app.js", "/assets/same-as-app.js",
                "/.well-known/security.txt");
        assertThat(deploy.files().get("/index.html")).isEqualTo(sha1(INDEX));
        assertThat(uploads()).containsExactlyInAnyOrder("/api/v1/deploys/" + draft.deployId() + "/files/index.html",
                "/api/v1/deploys/" + draft.deployId() + "/files/assets%2Fapp.js",
                "/api/v1/deploys/" + draft.deployId() + "/files/assets%2Fsame-as-app.js",
                "/api/v1/deploys/" + draft.deployId() + "/files/.well-known%2Fsecurity.txt");
        assertThat(log).containsExactly("netlify: 4 files, 4 to upload", "netlify: uploaded 4/4",
                "netlify: deploy " + draft.deployId() + " ready at " + draft.url());

        assertThat(draft.url()).isEqualTo(netlify.deployUrl(draft.deployId()));
        assertThat(get(draft.url()).body()).isEqualTo(INDEX);
        assertThat(deployer.publishedDeployId(site.id())).as("a draft is not live").isEmpty();
        assertThat(get(site.url()).statusCode()).isEqualTo(404);

        deployer.publish(site.id(), draft.deployId());

        assertThat(deployer.publishedDeployId(site.id())).contains(draft.deployId());
        assertThat(get(site.url()).body()).isEqualTo(INDEX);
        assertThat(get(site.url().resolve("assets/app.js")).body()).isEqualTo(APP);
    }

    @Test
    @DisplayName("FR-003: a second deploy uploads only the files that changed")
    void secondDeployUploadsOnlyChanges() throws Exception {
        deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, "v1", log::add);
        write("assets/app.js", "console.log('v2')");
        log.clear();

        NetlifyDraft second = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, "v2", log::add);

        assertThat(uploads()).filteredOn(path -> path.contains(second.deployId()))
                .containsExactly("/api/v1/deploys/" + second.deployId() + "/files/assets%2Fapp.js");
        assertThat(log).startsWith("netlify: 4 files, 1 to upload");
        assertThat(get(second.url().resolve("assets/app.js")).body()).isEqualTo("console.log('v2')");
    }

    @Test
    @DisplayName("FR-003: a branch deploy carries its branch; a generated file replaces the site's file of the same path")
    void branchAndGeneratedFiles() throws Exception {
        write("_redirects", "/old /new 301");
        String generated = "/api/*  https://shop-api.example/:splat  200!\n";

        NetlifyDraft draft = deployer.createDraft(site.id(), siteDir,
                Map.of("/_redirects", generated.getBytes(StandardCharsets.UTF_8)), Map.of(), "staging", null, log::add);

        NetlifyStandIn.Deployment deploy = netlify.deploy(draft.deployId());
        assertThat(deploy.branch()).isEqualTo("staging");
        assertThat(deploy.title()).isNull();
        assertThat(deploy.files().get("/_redirects")).isEqualTo(sha1(generated));
    }

    @Test
    @DisplayName("FR-003: a deploy Netlify ends in error fails with Netlify's error_message, permanently")
    void deployErrorFails() {
        netlify.failNextDeploy("Failed to process deploy: invalid _headers file");

        NetlifyException failure = catchThrowableOfType(NetlifyException.class,
                () -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure).hasMessageStartingWith("netlify: deploy '")
                .hasMessageEndingWith("' failed: Failed to process deploy: invalid _headers file");
        assertThat(deployer.publishedDeployId(site.id())).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a deploy still processing when the ready timeout passes fails, saying so and in which state")
    void readyTimeout() {
        netlify.keepNextDeployProcessing(Integer.MAX_VALUE);

        NetlifyException failure = catchThrowableOfType(NetlifyException.class,
                () -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure).hasMessageEndingWith("was not ready after PT30S (state 'processing')");
        assertThat(time.sleeps()).hasSize(30).allMatch(Duration.ofSeconds(1)::equals);
    }

    @Test
    @DisplayName("FR-003: 422 on creating the deploy is not retried: one request, nothing uploaded")
    void refusedDeployIsNotRetried() {
        netlify.failNextRequests(1, 422);

        NetlifyException failure = catchThrowableOfType(NetlifyException.class,
                () -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure).hasMessageContaining("create a draft deploy on site '" + site.id() + "'")
                .hasMessageContaining("HTTP 422");
        assertThat(netlify.requests()).hasSize(1);
        assertThat(netlify.deploys(site.id())).isEmpty();
    }

    @Test
    @DisplayName("FR-003: 503 twice on creating the deploy, then it goes through: three create requests")
    void busyNetlifyIsRetried() {
        netlify.failNextRequests(2, 503);

        NetlifyDraft draft = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add);

        assertThat(netlify.requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(NetlifyStandIn.RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(netlify.deploy(draft.deployId()).state()).isEqualTo("ready");
    }

    @Test
    @DisplayName("FR-008: publishing an earlier deploy again rolls the site back to it")
    void rollbackPublishesAnEarlierDeploy() throws Exception {
        NetlifyDraft v1 = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, "v1", log::add);
        deployer.publish(site.id(), v1.deployId());
        write("index.html", "<h1>shop v2</h1>");
        NetlifyDraft v2 = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, "v2", log::add);
        deployer.publish(site.id(), v2.deployId());
        assertThat(get(site.url()).body()).isEqualTo("<h1>shop v2</h1>");

        deployer.publish(site.id(), v1.deployId());

        assertThat(deployer.publishedDeployId(site.id())).contains(v1.deployId());
        assertThat(get(site.url()).body()).isEqualTo(INDEX);
        assertThat(netlify.requests()).filteredOn(r -> r.path().endsWith("/restore"))
                .extracting(NetlifyStandIn.RecordedRequest::path)
                .containsExactly("/api/v1/sites/" + site.id() + "/deploys/" + v1.deployId() + "/restore",
                        "/api/v1/sites/" + site.id() + "/deploys/" + v2.deployId() + "/restore",
                        "/api/v1/sites/" + site.id() + "/deploys/" + v1.deployId() + "/restore");
    }

    @Test
    @DisplayName("FR-003, FR-005: a deploy carries its own environment variables; the site's and other deploys' are untouched")
    void variablesBelongToTheDeploy() {
        Map<String, String> production = new LinkedHashMap<>();
        production.put("API_URL", "https://api.shop.example");
        production.put("FEATURE_FLAGS", "checkout");

        NetlifyDraft live = deployer.createDraft(site.id(), siteDir, Map.of(), production, null, "v1", log::add);
        NetlifyDraft preview = deployer.createDraft(site.id(), siteDir, Map.of(),
                Map.of("API_URL", "https://preview-api.shop.example"), "preview", "v1 preview", log::add);

        List<String> scopes = List.of("builds", "functions", "runtime", "post-processing");
        assertThat(netlify.deploy(live.deployId()).environment()).containsExactly(
                new NetlifyStandIn.DeployVariable("API_URL", "https://api.shop.example", false, scopes),
                new NetlifyStandIn.DeployVariable("FEATURE_FLAGS", "checkout", false, scopes));
        assertThat(netlify.deploy(preview.deployId()).environment()).containsExactly(
                new NetlifyStandIn.DeployVariable("API_URL", "https://preview-api.shop.example", false, scopes));
        assertThat(netlify.envValues(site.id(), "production")).as("the site's own variables").isEmpty();
        assertThat(netlify.requests()).as("nothing but deploys, uploads and polls")
                .noneMatch(r -> r.path().contains("/accounts/"));
        assertThat(log).contains("netlify: 2 environment variables for this deploy",
                "netlify: 1 environment variable for this deploy");
        assertThat(String.join("\n", log)).doesNotContain("https://api.shop.example").doesNotContain("checkout")
                .doesNotContain("preview-api");
    }

    @Test
    @DisplayName("FR-003: a deploy without variables sends no environment")
    void noVariablesNoEnvironment() {
        NetlifyDraft draft = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add);

        assertThat(netlify.deploy(draft.deployId()).environment()).isEmpty();
        assertThat(log).noneMatch(line -> line.contains("environment"));
    }

    @Test
    @DisplayName("FR-003: a bad variable name or a missing value is refused before anything reaches Netlify")
    void badVariablesAreRefused() {
        Map<String, String> noValue = new LinkedHashMap<>();
        noValue.put("API_URL", null);

        assertThatThrownBy(() -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of("1BAD-NAME", "1"), null,
                null, log::add))
                .isInstanceOf(DeployException.class).hasMessageContaining("'1BAD-NAME'")
                .hasMessageContaining("letters, digits and _");
        assertThatThrownBy(() -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of("API-URL", "1"), null,
                null, log::add))
                .isInstanceOf(DeployException.class).hasMessageContaining("'API-URL'");
        assertThatThrownBy(() -> deployer.createDraft(site.id(), siteDir, Map.of(), noValue, null, null, log::add))
                .isInstanceOf(DeployException.class).hasMessageContaining("API_URL has no value");
        assertThat(netlify.requests()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    @DisplayName("FR-003: a link leading outside the site is refused, naming it; a link inside is deployed")
    void linksOutsideTheSiteAreRefused() throws Exception {
        Files.createSymbolicLink(siteDir.resolve("assets/also-app.js"), siteDir.resolve("assets/app.js"));
        Path outside = Files.writeString(tmp.resolve("secrets.txt"), "not for the internet");
        Files.createSymbolicLink(siteDir.resolve("leak.txt"), outside);

        assertThatThrownBy(() -> deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add))
                .isInstanceOf(DeployException.class).hasMessageContaining("leak.txt leads outside the site");
        assertThat(netlify.requests()).isEmpty();

        Files.delete(siteDir.resolve("leak.txt"));
        NetlifyDraft draft = deployer.createDraft(site.id(), siteDir, Map.of(), Map.of(), null, null, log::add);
        assertThat(netlify.deploy(draft.deployId()).files()).containsEntry("/assets/also-app.js", sha1(APP));
    }

    @Test
    @DisplayName("FR-003: an empty site directory is nothing to deploy")
    void emptySiteFails() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> deployer.createDraft(site.id(), empty, Map.of(), Map.of(), null, null, log::add))
                .isInstanceOf(DeployException.class).hasMessageContaining("has no files");
    }

    @Test
    @DisplayName("FR-003: a generated _redirects proxy rule sends the frontend's /api to the backend")
    void redirectsProxyReachesTheBackend() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try {
            String rule = "/api/*  http://127.0.0.1:" + backend.getAddress().getPort() + "/:splat  200!\n";
            NetlifyDraft draft = deployer.createDraft(site.id(), siteDir,
                    Map.of("/_redirects", rule.getBytes(StandardCharsets.UTF_8)), Map.of(), null, null, log::add);

            HttpResponse<String> viaDraft = get(draft.url().resolve("api/health?full=1"));
            assertThat(viaDraft.statusCode()).isEqualTo(200);
            assertThat(viaDraft.body()).isEqualTo("{\"path\":\"/health?full=1\"}");

            deployer.publish(site.id(), draft.deployId());
            assertThat(get(site.url().resolve("api/orders")).body()).isEqualTo("{\"path\":\"/orders\"}");
            assertThat(get(site.url()).body()).isEqualTo(INDEX);
        } finally {
            backend.stop(0);
        }
    }

    private List<String> uploads() {
        return netlify.requests().stream().filter(r -> r.method().equals("PUT"))
                .map(NetlifyStandIn.RecordedRequest::path).toList();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void write(String relative, String content) throws IOException {
        Path file = siteDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String sha1(String text) {
        return SiteFiles.sha1(text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.ArtifactSource;
import dev.slipway.deploy.domain.ComponentKind;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.Digest;
import dev.slipway.deploy.domain.FakeTime;
import dev.slipway.deploy.domain.PreparedRelease;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.domain.Sleeper;
import dev.slipway.deploy.domain.TestArtifacts;
import dev.slipway.deploy.domain.VerifiedArtifacts;
import dev.slipway.deploy.domain.Zips;
import dev.slipway.deploy.domain.huggingface.HubClient;
import dev.slipway.deploy.domain.huggingface.SpaceDeployer;
import dev.slipway.deploy.domain.netlify.NetlifyClient;
import dev.slipway.deploy.domain.netlify.NetlifySettings;
import dev.slipway.events.HealthCheckSpec;
import dev.slipway.events.TargetSettings;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.standins.huggingface.HubStandIn;
import dev.slipway.standins.netlify.NetlifyStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote target against stand-ins that check every request against Netlify's swagger and the Hub's recorded
 * interactions (FR-003, FR-004): blue-green across a Netlify site and two Spaces, switched by publishing.
 */
class RemoteTargetTest {
    private static final String NETLIFY_TOKEN = "nfp_remote_target_test_token";
    private static final String HUB_TOKEN = "hf_remote_target_test_token";
    private static final String COMMIT = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger SITES = new AtomicInteger();

    static NetlifyStandIn netlify;
    static HubStandIn hub;

    @TempDir
    Path dataDir;
    final Map<Digest, byte[]> store = new HashMap<>();
    final List<String> log = new ArrayList<>();
    NetlifyStandIn.Site site;
    String space;
    RemoteTarget target;

    @BeforeAll
    static void standIns() {
        netlify = new NetlifyStandIn(NETLIFY_TOKEN);
        hub = HubStandIn.start(HUB_TOKEN);
        hub.buildPolls(1);
    }

    @AfterAll
    static void stop() {
        netlify.close();
        hub.close();
    }

    @BeforeEach
    void target() {
        site = netlify.createSite("shop-" + SITES.incrementAndGet());
        space = "acme/shop-backend-" + SITES.get();
        ArtifactSource artifacts = (digest, into) -> {
            try {
                Files.write(into, store.get(digest));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        FakeTime time = new FakeTime();
        NetlifySettings netlifySettings = new NetlifySettings(netlify.apiBase(), new RetryPolicy(3, Duration.ofMillis(5)),
                Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(30));
        SpaceDeployer.Settings spaces = new SpaceDeployer.Settings(hub.appUrlTemplate(), false, Duration.ofMillis(10),
                Duration.ofSeconds(30));
        target = new RemoteTarget(dataDir, new VerifiedArtifacts(artifacts),
                new NetlifySites(token -> new NetlifyClient(netlifySettings, token, time, time)),
                new HuggingFaceSpaces(token -> new SpaceDeployer(new HubClient(hub.baseUrl(), token,
                        new RetryPolicy(3, Duration.ofMillis(5)), time), spaces, Clock.systemUTC(), time)),
                new UrlReadiness(Duration.ofSeconds(10), Duration.ofMillis(50), Clock.systemUTC(), Sleeper.SYSTEM));
    }

    @AfterEach
    void everyRequestFollowedThePublishedApis() {
        assertThat(netlify.violations()).isEmpty();
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    void aReleaseGoesToTheIdleSpaceAndADraftThatIsPublishedAsTheSwitch() throws Exception { // FR-003, FR-004
        Release v1 = release(1, "production", "one");

        PreparedRelease prepared = target.prepare(v1, log::add);

        assertThat(prepared.slot()).isEqualTo("blue");
        assertThat(hub.files(space + "-blue")).containsKeys("Dockerfile", "VERSION");
        assertThat(hub.variables(space + "-blue")).containsEntry("GREETING", "hello")
                .containsEntry("SLIPWAY_VERSION", "1").doesNotContainKey("API_KEY");
        assertThat(hub.secretNames(space + "-blue")).as("the app's secrets, never the platforms' tokens")
                .containsExactly("API_KEY");
        assertThat(netlify.publishedDeployId(site.id())).as("a draft is not served").isEmpty();
        assertThat(target.liveVersion(v1)).isEmpty();

        target.switchTo(prepared);

        URI url = target.environmentUrl(v1.app(), "production", v1.target());
        assertThat(get(url, "")).contains("one");
        assertThat(get(url, "api/version")).as("the site's /api goes to the Space of its release").isEqualTo("v1");
        assertThat(target.liveVersion(v1)).isEqualTo(OptionalLong.of(1));
        assertThat(log).anyMatch(l -> l.contains("is healthy in draft"));
        assertThat(netlify.deploy(netlify.publishedDeployId(site.id()).orElseThrow()).environment())
                .as("the environment's variables travel with the deploy, its secrets never")
                .extracting(NetlifyStandIn.DeployVariable::key).containsExactly("GREETING");
    }

    @Test
    void theNextReleaseGoesToTheOtherSpaceAndRollingBackRepublishesTheEarlierDeploy() throws Exception { // FR-003, FR-004
        Release v1 = release(1, "production", "one");
        target.switchTo(target.prepare(v1, log::add));
        String firstDeploy = netlify.publishedDeployId(site.id()).orElseThrow();
        Release v2 = release(2, "production", "two");

        PreparedRelease second = target.prepare(v2, log::add);
        assertThat(second.slot()).isEqualTo("green");
        URI url = target.environmentUrl(v1.app(), "production", v1.target());
        assertThat(get(url, "api/version")).as("v1 is still served while v2 is prepared").isEqualTo("v1");
        target.switchTo(second);
        assertThat(get(url, "api/version")).isEqualTo("v2");
        assertThat(get(url, "")).contains("two");

        target.switchTo(target.restore(v1, log::add));

        assertThat(netlify.publishedDeployId(site.id())).contains(firstDeploy);
        assertThat(get(url, "api/version")).isEqualTo("v1");
        assertThat(get(url, "")).contains("one");
        assertThat(target.liveVersion(v1)).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void aSpaceThatFailsToBuildSwitchesNothing() throws Exception { // FR-004
        Release v1 = release(1, "production", "one");
        target.switchTo(target.prepare(v1, log::add));
        String live = netlify.publishedDeployId(site.id()).orElseThrow();
        hub.failNextBuild("BUILD_ERROR", "Dockerfile:3 npm ci failed");

        assertThatThrownBy(() -> target.prepare(release(2, "production", "two"), log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("BUILD_ERROR").hasMessageContaining("npm ci failed");

        assertThat(netlify.publishedDeployId(site.id())).contains(live);
        assertThat(get(target.environmentUrl(v1.app(), "production", v1.target()), "api/version")).isEqualTo("v1");
    }

    @Test
    void aRollbackNeverTrustsASlotWhoseNextReleaseFailedHalfWay() throws Exception { // FR-004
        Release v1 = release(1, "production", "one");
        target.switchTo(target.prepare(v1, log::add));
        target.switchTo(target.prepare(release(2, "production", "two"), log::add));
        hub.failNextBuild("RUNTIME_ERROR", "exit code 1");
        assertThatThrownBy(() -> target.prepare(release(3, "production", "three"), log::add))
                .hasMessageContaining("RUNTIME_ERROR");

        // v1's Space (blue) now holds v3's broken code: v1 goes up again rather than publishing a dead pair
        target.switchTo(target.restore(v1, log::add));

        URI url = target.environmentUrl(v1.app(), "production", v1.target());
        assertThat(get(url, "api/version")).isEqualTo("v1");
        assertThat(get(url, "")).contains("one");
        assertThat(log).contains("putting version 1's artifacts up again");
    }

    @Test
    void whatIsLiveIsWhatTheSiteServesEvenWhenTheSwitchWasNotRecorded() throws Exception { // FR-003
        Release v1 = release(1, "production", "one");
        target.switchTo(target.prepare(v1, log::add));
        Release v2 = release(2, "production", "two");
        PreparedRelease second = target.prepare(v2, log::add);
        String draft = netlify.deploys(site.id()).stream().filter(d -> d.title().contains("v2")).findFirst()
                .orElseThrow().id();

        // published, and deploy-service stopped before it could record it
        new NetlifyClient(new NetlifySettings(netlify.apiBase(), new RetryPolicy(1, Duration.ofMillis(5)),
                Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofSeconds(30)), NETLIFY_TOKEN)
                .restoreDeploy(site.id(), draft);

        assertThat(target.liveVersion(v2)).isEqualTo(OptionalLong.of(2));
        assertThat(target.prepare(release(3, "production", "three"), log::add).slot())
                .as("the next release goes next to what is served, never over it").isEqualTo(second.slot().equals("green")
                        ? "blue" : "green");
        assertThat(get(target.environmentUrl(v1.app(), "production", v1.target()), "api/version")).isEqualTo("v2");
    }

    @Test
    void aPreviewIsServedAtItsDraftAndNeverPublished() throws Exception { // FR-003
        Release preview = release(1, "preview-feature-x", "feature");

        target.switchTo(target.prepare(preview, log::add));

        assertThat(netlify.publishedDeployId(site.id())).isEmpty();
        assertThat(hub.exists(space + "-feature-x-blue")).isTrue();
        URI url = target.environmentUrl(preview.app(), "preview-feature-x", preview.target());
        assertThat(get(url, "")).contains("feature");
        assertThat(get(url, "api/version")).isEqualTo("v1");

        target.tearDown(preview.app(), "preview-feature-x", preview.target(), preview.config());

        assertThat(hub.exists(space + "-feature-x-blue")).as("a preview's Spaces are removed with it").isFalse();
        assertThat(target.liveVersion(preview)).isEmpty();
    }

    @Test
    void aMissingTokenIsNamedWithTheCommandThatSetsIt() {
        Release v1 = release(1, "production", "one");
        Release noToken = v1.withConfig(new RuntimeConfig(Map.of(), Map.of("HF_TOKEN", HUB_TOKEN)));

        assertThatThrownBy(() -> target.prepare(noToken, log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("secret NETLIFY_AUTH_TOKEN is not set for shop/production")
                .hasMessageContaining("slipway secret set shop production NETLIFY_AUTH_TOKEN")
                .hasMessageNotContaining(HUB_TOKEN);
    }

    @Test
    void theProxyRuleComesBeforeTheSitesOwnRules(@TempDir Path siteDir) throws IOException {
        Files.writeString(siteDir.resolve("_redirects"), "/old  /new  301\n");

        String rules = new String(RemoteTarget.redirects(siteDir, "/api", URI.create("https://acme-shop-green.hf.space/")));

        assertThat(rules).isEqualTo("""
                /api  https://acme-shop-green.hf.space  200!
                /api/*  https://acme-shop-green.hf.space/:splat  200!
                /old  /new  301
                """);
    }

    @Test
    void spaceNamesFitTheHub() {
        assertThat(RemoteTarget.spaceName("acme/shop", "production", "blue")).isEqualTo("acme/shop-blue");
        assertThat(RemoteTarget.spaceName("acme/shop", "preview-pr-12", "green")).isEqualTo("acme/shop-pr-12-green");
        assertThat(RemoteTarget.spaceName("acme/shop", "preview-" + "x".repeat(80), "green").split("/")[1])
                .hasSizeLessThanOrEqualTo(96).endsWith("-green");
    }

    private Release release(long version, String environment, String title) {
        byte[] siteZip = TestArtifacts.site(title, COMMIT);
        Map<String, String> backend = new LinkedHashMap<>();
        backend.put("Dockerfile", "FROM node:20-alpine\nCOPY . /app\nEXPOSE 7860\nCMD [\"node\", \"/app/server.js\"]\n");
        backend.put("server.js", "require('http').createServer((q, s) => s.end('ok')).listen(7860);\n");
        backend.put("VERSION", "v" + version);
        byte[] apiZip = Zips.of(backend);
        store.put(Digest.of(siteZip), siteZip);
        store.put(Digest.of(apiZip), apiZip);
        List<ReleaseComponent> components = List.of(
                new ReleaseComponent("web", ComponentKind.STATIC, Digest.of(siteZip), siteZip.length,
                        new HealthCheckSpec("/", 200), null, null, null),
                new ReleaseComponent("api", ComponentKind.SERVICE, Digest.of(apiZip), apiZip.length,
                        new HealthCheckSpec("/health", 200), "node server.js", "/api", null));
        TargetSettings settings = new TargetSettings(new TargetSettings.Netlify(site.id(), "NETLIFY_AUTH_TOKEN"),
                new TargetSettings.HuggingFace(space, "HF_TOKEN"));
        RuntimeConfig config = new RuntimeConfig(Map.of("GREETING", "hello"), Map.of("API_KEY", "s3cr3t-key",
                "NETLIFY_AUTH_TOKEN", NETLIFY_TOKEN, "HF_TOKEN", HUB_TOKEN));
        return new Release("shop", environment, version, COMMIT, "feature-x", version, components, config, settings);
    }

    private static String get(URI base, String path) throws Exception {
        String url = base.toString().endsWith("/") ? base + path : base + "/" + path;
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET " + url).isEqualTo(200);
        return answer.body().strip();
    }
}

package dev.slipway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.DemoStory;
import dev.slipway.cli.Git;
import dev.slipway.cli.LocalStack;
import dev.slipway.cli.Progress;
import dev.slipway.cli.ServicePorts;
import dev.slipway.cli.SlackReceiver;
import dev.slipway.cli.WebhookSigner;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.EventType;
import dev.slipway.events.PushReceived;
import dev.slipway.standins.github.GitHubStandIn;
import dev.slipway.standins.huggingface.HubStandIn;
import dev.slipway.standins.netlify.NetlifyStandIn;
import dev.slipway.testsupport.EventProbe;
import dev.slipway.testsupport.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slipway through real processes: a Kafka broker JVM, PostgreSQL, the edge JVM running the shop's processes and
 * the five packaged services, driven the way GitHub drives them — signed deliveries built from GitHub's own push
 * payload — and by the real CLI. Proves US1, US4, US5 (manual and automatic rollback), FR-001, FR-005, FR-006,
 * FR-007, FR-008, FR-011, FR-013, FR-015, SC-004 and SC-007.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PUSH_PAYLOAD = "github-webhooks/octokit-webhooks/payload-examples/api.github.com/push/payload.json";
    private static final Duration PIPELINE = Duration.ofMinutes(4);
    private static final Duration BAKE_WINDOW = Duration.ofSeconds(8);
    private static final String PREVIEW = "preview-feature-checkout-97cc63";
    private static final String NETLIFY_TOKEN = "nfp_e2e_" + UUID.randomUUID();
    private static final String HUB_TOKEN = "hf_e2e_" + UUID.randomUUID();
    private static final String GITHUB_TOKEN = "ghp_e2e_" + UUID.randomUUID();

    static Path work;
    static Path origin;
    static Path checkout;
    static SlackReceiver slack;
    static LocalStack stack;
    static EventProbe probe;
    static String repository;
    static String secret = "e2e-" + UUID.randomUUID();
    static String liveCommit;
    static NetlifyStandIn netlify;
    static HubStandIn hub;
    static NetlifyStandIn.Site cloudSite;
    static GitHubStandIn github;

    @BeforeAll
    static void startSlipway() throws IOException {
        work = Files.createTempDirectory("slipway-e2e-");
        slack = SlackReceiver.start(text -> { });
        // Netlify and the Hub cannot be reached from here: stand-ins that check every request against their
        // published material take their place, and deploy-service is pointed at them
        netlify = new NetlifyStandIn(NETLIFY_TOKEN);
        cloudSite = netlify.createSite("shop-cloud");
        hub = HubStandIn.start(HUB_TOKEN);
        hub.buildPolls(2);
        github = GitHubStandIn.start(GITHUB_TOKEN);
        Map<String, String> platforms = Map.of(
                "SLIPWAY_BUILD_GITHUB_API_URL", github.baseUrl().toString(),
                "SLIPWAY_BUILD_GITHUB_TOKEN", GITHUB_TOKEN,
                "SLIPWAY_DEPLOY_NETLIFY_API_URL", netlify.apiBase().toString(),
                "SLIPWAY_DEPLOY_HUGGINGFACE_API_URL", hub.baseUrl().toString(),
                "SLIPWAY_DEPLOY_HUGGINGFACE_SPACE_URL_TEMPLATE", hub.appUrlTemplate(),
                "SLIPWAY_DEPLOY_HUGGINGFACE_POLL_INTERVAL", "200ms",
                "SLIPWAY_DEPLOY_REMOTE_HEALTH_INTERVAL", "200ms");
        ServicePorts ports = new ServicePorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort());
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        stack = LocalStack.start(new LocalStack.Options(root, work.resolve("data"), ports, "slipway_e2e", true,
                List.of(slack.webhookUrl()), BAKE_WINDOW, platforms), new Progress(System.out));
        probe = EventProbe.start(stack.kafkaBootstrap());

        repository = JSON.readTree(Reference.bytes(PUSH_PAYLOAD)).path("repository").path("full_name").asText();
        origin = work.resolve("origin.git");
        checkout = work.resolve("shop");
        Git.copyTree(root.resolve("examples/shop"), checkout);
        Git.run(checkout, "init", "-q", "-b", "main");
        Files.createDirectories(origin);
        Git.run(origin, "init", "-q", "--bare", "-b", "main");

        HttpResponse<String> registered = postJson(stack.url("ingest-service") + "/api/repositories",
                Map.of("fullName", repository, "cloneUrl", origin.toUri().toString(), "secret", secret));
        assertThat(registered.statusCode()).isIn(200, 201);
        assertThat(registered.body()).doesNotContain(secret);
    }

    @AfterAll
    static void stopSlipway() {
        if (probe != null) {
            probe.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (netlify != null) {
            netlify.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    @Order(1)
    void signedPushGoesLiveAndTheTeamHearsOfIt() throws Exception {
        String sha = commitAndPush("Shop: first release");

        HttpResponse<String> answer = deliver(sha, secret);
        assertThat(answer.statusCode()).isEqualTo(202);

        String site = stack.siteUrl("shop", "production");
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500)).until(() -> commitServedAt(site), sha::equals);
        assertThat(get(site).body()).contains("<h1>Shop</h1>");
        assertThat(JSON.readTree(get(site + "api/version").body()).path("commit").asText()).isEqualTo(sha);
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.messages().stream()
                .anyMatch(m -> m.contains("shop/production is live") && m.contains(sha.substring(0, 7))
                        && m.contains("took ")));
        probe.await(EventType.HEALTH_PASSED, e -> e.metadata().commitSha().equals(sha), Duration.ofMinutes(1));

        JsonNode environments = JSON.readTree(get(stack.url("deploy-service") + "/api/apps/shop/environments").body());
        assertThat(environments.toString()).contains(sha).contains(site);
        // FR-002: the commit carries a status per component and for the whole build, which branch protection reads
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(latestStatuses(sha))
                .containsEntry("slipway/build", "success").containsEntry("slipway/web", "success")
                .containsEntry("slipway/api", "success"));
        assertThat(github.statuses("Codertocat", "Hello-World", sha)).extracting(GitHubStandIn.Status::state)
                .contains("pending");
        liveCommit = sha;
    }

    @Test
    @Order(2)
    void pushWhoseTestsFailIsNotDeployed() throws Exception {
        Path test = checkout.resolve("frontend/test/cart.test.js");
        String original = Files.readString(test);
        Files.writeString(test, original.replace("'€44.99'", "'€45.00'"));
        String sha = commitAndPush("Shop: break the price format test");

        assertThat(deliver(sha, secret).statusCode()).isEqualTo(202);

        BuildFailed failed = probe.<BuildFailed>await(EventType.BUILD_FAILED,
                e -> e.metadata().commitSha().equals(sha), PIPELINE).data();
        assertThat(failed.step()).isEqualTo("test");
        assertThat(failed.component()).isEqualTo("web");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(latestStatuses(sha))
                .as("branch protection blocks the pull request").containsEntry("slipway/build", "failure")
                .containsEntry("slipway/web", "failure"));
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.messages().stream()
                .anyMatch(m -> m.contains(sha.substring(0, 7)) && m.contains("test")));
        assertThat(commitServedAt(stack.siteUrl("shop", "production"))).isEqualTo(liveCommit);

        Files.writeString(test, original);
    }

    @Test
    @Order(3)
    void pushUnderTheCoverageThresholdIsNotDeployed() throws Exception {
        Path cart = checkout.resolve("frontend/src/cart.js");
        String original = Files.readString(cart);
        StringBuilder untested = new StringBuilder("\nfunction untestedDiscounts(code) {\n");
        for (int i = 0; i < 60; i++) {
            untested.append("  if (code === 'CODE").append(i).append("') {\n    return ").append(i).append(";\n  }\n");
        }
        untested.append("  return 0;\n}\nmodule.exports.untestedDiscounts = untestedDiscounts;\n");
        Files.writeString(cart, original + untested);
        String sha = commitAndPush("Shop: discount codes without tests");

        assertThat(deliver(sha, secret).statusCode()).isEqualTo(202);

        BuildFailed failed = probe.<BuildFailed>await(EventType.BUILD_FAILED,
                e -> e.metadata().commitSha().equals(sha), PIPELINE).data();
        assertThat(failed.step()).isEqualTo("coverage");
        assertThat(failed.reason()).contains("70");
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.messages().stream()
                .anyMatch(m -> m.contains(sha.substring(0, 7)) && m.contains("coverage")));
        assertThat(commitServedAt(stack.siteUrl("shop", "production"))).isEqualTo(liveCommit);

        Files.writeString(cart, original);
    }

    @Test
    @Order(4)
    void unsignedAndWronglySignedDeliveriesAreRefusedAndChangeNothing() throws Exception {
        String forged = commitAndPush("Shop: forged delivery");
        byte[] body = payload(forged);

        assertThat(post(stack.webhookUrl(), body, Map.of("X-GitHub-Event", "push",
                "X-GitHub-Delivery", UUID.randomUUID().toString())).statusCode()).isEqualTo(401);
        assertThat(post(stack.webhookUrl(), body, Map.of("X-GitHub-Event", "push",
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", WebhookSigner.signature("not-the-secret", body))).statusCode()).isEqualTo(401);

        // A genuine delivery right after: events of one environment are ordered, so had a refused delivery
        // produced anything, it would have arrived first.
        String genuine = commitAndPush("Shop: genuine delivery");
        assertThat(deliver(genuine, secret).statusCode()).isEqualTo(202);
        probe.await(EventType.PUSH_RECEIVED, e -> e.metadata().commitSha().equals(genuine));
        assertThat(probe.received()).noneMatch(e -> e.metadata().commitSha().equals(forged));
        assertThat(probe.received()).filteredOn(e -> e.data() instanceof PushReceived)
                .noneMatch(e -> e.metadata().commitSha().equals(forged));
    }

    @Test
    @Order(5)
    void rollbackWithTheCliPinsTheEnvironmentUntilResumed() throws Exception {
        String site = stack.siteUrl("shop", "production");
        String second = commitAndPush("Shop: second release");
        assertThat(deliver(second, secret).statusCode()).isEqualTo(202);
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500)).until(() -> commitServedAt(site), second::equals);

        // a viewer token reads but cannot roll back: the CLI says so (exit 4) and nothing changes
        Cli created = cli("token", "create", "e2e-viewer", "--role", "viewer", "--output", "json");
        assertThat(created.exitCode()).as(created.output()).isZero();
        String viewer = JSON.readTree(created.output().substring(created.output().indexOf('{'))).path("token").asText();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                get(stack.url("deploy-service") + "/api/apps/shop/environments", viewer).statusCode() == 200);
        Cli refused = cli(Map.of("SLIPWAY_TOKEN", viewer), "rollback", "shop", "production", "--to", "1");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(4);
        assertThat(refused.output()).contains("deployer");
        assertThat(commitServedAt(site)).isEqualTo(second);

        Cli rollback = cli("rollback", "shop", "production", "--to", "1", "--reason", "checkout broken");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(rollback.output()).contains("serves version").contains("pinned");
        assertThat(commitServedAt(site)).isEqualTo(liveCommit);
        assertThat(cli("status", "shop").output()).contains("PINNED").contains("checkout broken");

        String third = commitAndPush("Shop: third release, while pinned");
        assertThat(deliver(third, secret).statusCode()).isEqualTo(202);
        probe.await(EventType.DEPLOY_REQUESTED, e -> e.metadata().commitSha().equals(third), PIPELINE);
        assertThat(commitServedAt(site)).as("a pinned environment keeps the rolled-back release").isEqualTo(liveCommit);

        Cli resume = cli("resume", "shop", "production");
        assertThat(resume.exitCode()).as(resume.output()).isZero();
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500)).until(() -> commitServedAt(site), third::equals);
    }

    /** US5: a release that goes live and then fails inside its bake window is rolled back on its own. */
    @Test
    @Order(6)
    void aReleaseFailingInsideItsBakeWindowIsRolledBackOnItsOwnWithAnIncidentReport() throws Exception {
        String site = stack.siteUrl("shop", "production");
        String healthy = commitServedAt(site);
        Path server = checkout.resolve("backend/server.js");
        String original = Files.readString(server);
        String broken = DemoStory.breakTheBackend(checkout, origin);
        Files.writeString(server, original);
        commitAndPush("Shop: revert the connection pool");
        assertThat(deliver(broken, secret).statusCode()).isEqualTo(202);

        var live = probe.<DeploySucceeded>await(EventType.DEPLOY_SUCCEEDED,
                e -> e.metadata().commitSha().equals(broken), PIPELINE);
        var failed = probe.<HealthFailed>await(EventType.HEALTH_FAILED,
                e -> e.metadata().commitSha().equals(broken), Duration.ofMinutes(1));
        assertThat(failed.metadata().time()).isBefore(live.metadata().time().plus(BAKE_WINDOW).plusSeconds(5));
        assertThat(failed.data().observations()).anySatisfy(o -> assertThat(o.output()).contains("connection pool exhausted"));
        var completed = probe.<RollbackCompleted>await(EventType.ROLLBACK_COMPLETED,
                e -> e.metadata().correlationId().equals(failed.metadata().correlationId()), Duration.ofMinutes(1));
        assertThat(completed.data().fromVersion()).isEqualTo(live.data().version());
        assertThat(commitServedAt(site)).isEqualTo(healthy);
        assertThat(JSON.readTree(get(site + "api/version").body()).path("commit").asText()).isEqualTo(healthy);
        assertThat(cli("status", "shop").output()).contains("PINNED").contains("health checks of version");

        await().atMost(Duration.ofSeconds(45)).until(() -> slack.messages().stream()
                .anyMatch(m -> m.contains("Incident") && m.contains("connection pool exhausted")));
        JsonNode incidents = JSON.readTree(get(stack.url("notify-service") + "/api/incidents?app=shop").body());
        assertThat(incidents.toString()).contains("\"fromVersion\":" + live.data().version());
    }

    /** US4: promotion deploys to production exactly what passed staging, and lifts production's pin. */
    @Test
    @Order(7)
    void promotingStagingDeploysTheSameArtifactsToProduction() throws Exception {
        Git.run(checkout, "checkout", "-q", "-B", "staging");
        String candidate = commitAndPush("Shop: release candidate", "staging");
        Git.run(checkout, "checkout", "-q", "main");
        assertThat(deliver(candidate, secret, "staging").statusCode()).isEqualTo(202);
        probe.await(EventType.HEALTH_PASSED, e -> e.metadata().commitSha().equals(candidate)
                && e.data().environment().equals("staging"), PIPELINE);

        Cli promote = cli("promote", "shop", "--from", "staging", "--to", "production", "--reason", "e2e release");
        assertThat(promote.exitCode()).as(promote.output()).isZero();
        assertThat(promote.output()).contains("live:");
        String site = stack.siteUrl("shop", "production");
        assertThat(commitServedAt(site)).isEqualTo(candidate);
        JsonNode staging = JSON.readTree(get(stack.url("deploy-service")
                + "/api/apps/shop/deployments?environment=staging&limit=1").body());
        JsonNode production = JSON.readTree(get(stack.url("deploy-service")
                + "/api/apps/shop/deployments?environment=production&limit=1").body());
        assertThat(production.get(0).path("components").toString())
                .isEqualTo(staging.get(0).path("components").toString());
        assertThat(production.get(0).path("trigger").asText()).startsWith("promoted from staging");
        assertThat(cli("status", "shop").output()).doesNotContain("PINNED");
    }

    /** A feature branch deploys to its own preview beside production, and goes away with the branch. */
    @Test
    @Order(8)
    void aFeatureBranchGetsAPreviewThatIsTornDownWithTheBranch() throws Exception {
        Git.run(checkout, "checkout", "-q", "-B", "feature/checkout");
        String feature = commitAndPush("Shop: new checkout", "feature/checkout");
        Git.run(checkout, "checkout", "-q", "main");
        String production = commitServedAt(stack.siteUrl("shop", "production"));
        assertThat(deliver(feature, secret, "feature/checkout").statusCode()).isEqualTo(202);

        String preview = stack.siteUrl("shop", PREVIEW);
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500)).until(() -> commitServedAt(preview), feature::equals);
        assertThat(commitServedAt(stack.siteUrl("shop", "production"))).isEqualTo(production);

        byte[] deletion = deletion("feature/checkout", feature);
        assertThat(post(stack.webhookUrl(), deletion, signed(deletion)).statusCode()).isEqualTo(202);
        probe.await(EventType.ENVIRONMENT_TORN_DOWN, e -> e.data().environment().equals(PREVIEW), Duration.ofMinutes(1));
        assertThat(get(preview).statusCode()).isEqualTo(404);
        assertThat(commitServedAt(stack.siteUrl("shop", "production"))).isEqualTo(production);
    }

    /** Partial failure: a backend that cannot start fails the release; the live one keeps serving, unchanged. */
    @Test
    @Order(9)
    void aReleaseWhoseBackendCannotStartChangesNothing() throws Exception {
        String site = stack.siteUrl("shop", "production");
        String live = commitServedAt(site);
        Path server = checkout.resolve("backend/server.js");
        String original = Files.readString(server);
        Files.writeString(server, "throw new Error('DATABASE_URL is not set');\n" + original);
        String crashing = commitAndPush("Shop: read the database URL at start");
        Files.writeString(server, original);
        assertThat(deliver(crashing, secret).statusCode()).isEqualTo(202);

        DeployFailed failed = probe.<DeployFailed>await(EventType.DEPLOY_FAILED,
                e -> e.metadata().commitSha().equals(crashing), PIPELINE).data();
        assertThat(failed.reason()).contains("component api exited").contains("DATABASE_URL is not set");
        assertThat(commitServedAt(site)).isEqualTo(live);
        assertThat(JSON.readTree(get(site + "api/version").body()).path("commit").asText()).isEqualTo(live);
        commitAndPush("Shop: back to a backend that starts");
    }

    /** Crash safety: deploy-service killed mid-release; the apps keep serving and the release is settled cleanly. */
    @Test
    @Order(10)
    void killingDeployServiceMidReleaseNeverLeavesItHalfDone() throws Exception {
        String site = stack.siteUrl("shop", "production");
        String live = commitServedAt(site);
        Path server = checkout.resolve("backend/server.js");
        String original = Files.readString(server);
        Files.writeString(server, original.replace("const server = createServer().listen(",
                "const slowStart = Date.now() + 20000;\nwhile (Date.now() < slowStart) { /* warming caches */ }\n"
                        + "const server = createServer().listen("));
        String slow = commitAndPush("Shop: warm the caches before listening");
        Files.writeString(server, original);
        assertThat(deliver(slow, secret).statusCode()).isEqualTo(202);
        probe.await(EventType.DEPLOY_STARTED, e -> e.metadata().commitSha().equals(slow), PIPELINE);

        stack.kill("deploy-service");
        assertThat(commitServedAt(site)).as("the edge serves while deploy-service is down").isEqualTo(live);
        stack.restart("deploy-service");

        DeployFailed settled = probe.<DeployFailed>await(EventType.DEPLOY_FAILED,
                e -> e.metadata().commitSha().equals(slow), Duration.ofMinutes(2)).data();
        assertThat(settled.reason()).isEqualTo("deploy-service restarted during the deploy");
        assertThat(commitServedAt(site)).isEqualTo(live);
        JsonNode production = environment("production");
        assertThat(production.path("running").isNull()).isTrue();
        assertThat(production.path("live").path("commitSha").asText()).isEqualTo(live);
    }

    record Cli(int exitCode, String output) {
    }

    /** The real slipway CLI, as its own process, pointed at this stack; it finds the stack's token by itself. */
    /**
     * FR-003, FR-004: an environment whose slipway.yml sends the frontend to Netlify and the backend to a Hugging
     * Face Docker Space goes live blue-green through their APIs, every request checked against the published
     * material, and its health is verified through the site (the site's /api reaches the Space).
     */
    @Test
    @Order(11)
    void anEnvironmentOnNetlifyAndHuggingFaceGoesLiveThroughTheirApis() throws Exception {
        setSecret("cloud", "NETLIFY_AUTH_TOKEN", NETLIFY_TOKEN);
        setSecret("cloud", "HF_TOKEN", HUB_TOKEN);
        Path spec = checkout.resolve("slipway.yml");
        Git.run(checkout, "checkout", "-q", "-B", "cloud");
        Files.writeString(spec, Files.readString(spec) + """
                  cloud:
                    branch: cloud
                    target:
                      netlify: { site: %s }
                      huggingface: { space: acme/shop-backend }
                """.formatted(cloudSite.id()));
        String first = commitAndPush("Shop: to Netlify and Hugging Face", "cloud");

        assertThat(deliver(first, secret, "cloud").statusCode()).isEqualTo(202);
        DeploySucceeded live = probe.<DeploySucceeded>await(EventType.DEPLOY_SUCCEEDED,
                e -> e.metadata().commitSha().equals(first), PIPELINE).data();
        assertThat(live.url()).isEqualTo(netlify.siteUrl(cloudSite.id()).toString());
        assertThat(commitServedAt(live.url())).isEqualTo(first);
        assertThat(get(live.url() + "api/health").statusCode()).as("the site's /api reaches the Space").isEqualTo(200);
        assertThat(hub.files("acme/shop-backend-blue")).containsKeys("Dockerfile", "server.js", "README.md");
        assertThat(hub.variables("acme/shop-backend-blue")).containsEntry("SLIPWAY_COMMIT_SHA", first);
        assertThat(hub.secretNames("acme/shop-backend-blue")).as("the platforms' tokens stay with Slipway").isEmpty();
        probe.await(EventType.HEALTH_PASSED, e -> e.metadata().commitSha().equals(first), Duration.ofMinutes(1));

        String second = commitAndPush("Shop: second cloud release", "cloud");
        assertThat(deliver(second, secret, "cloud").statusCode()).isEqualTo(202);
        probe.await(EventType.DEPLOY_SUCCEEDED, e -> e.metadata().commitSha().equals(second), PIPELINE);
        assertThat(commitServedAt(live.url())).isEqualTo(second);
        assertThat(hub.variables("acme/shop-backend-green")).as("the next release goes to the other Space")
                .containsEntry("SLIPWAY_COMMIT_SHA", second);
        Git.run(checkout, "checkout", "-q", "main");

        assertThat(netlify.violations()).isEmpty();
        assertThat(hub.violations()).isEmpty();
        assertThat(github.violations()).isEmpty();
    }

    /** The newest state of each commit status context, as GitHub shows them on the commit. */
    private static Map<String, String> latestStatuses(String sha) {
        Map<String, String> latest = new java.util.TreeMap<>();
        github.statuses("Codertocat", "Hello-World", sha).forEach(s -> latest.put(s.context(), s.state()));
        return latest;
    }

    private static void setSecret(String environment, String name, String value) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("deploy-service")
                        + "/api/apps/shop/environments/" + environment + "/secrets/" + name))
                .header("Authorization", "Bearer " + localToken()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(value)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private static Cli cli(String... args) throws Exception {
        return cli(Map.of(), args);
    }

    /** The real CLI with these environment variables too, such as another SLIPWAY_TOKEN. */
    private static Cli cli(Map<String, String> env, String... args) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("cli/target/slipway-cli.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SLIPWAY_DEPLOY_URL", stack.url("deploy-service"));
        builder.environment().put("SLIPWAY_INGEST_URL", stack.url("ingest-service"));
        builder.environment().put("SLIPWAY_BUILD_URL", stack.url("build-service"));
        builder.environment().put("SLIPWAY_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap());
        // the stack's data directory: the CLI reads its credentials (the local deployer token) and its tokens file
        builder.environment().put("SLIPWAY_HOME", work.resolve("data").toString());
        builder.environment().remove("SLIPWAY_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(4, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("slipway " + String.join(" ", args) + " did not finish");
        }
        return new Cli(process.exitValue(), output.get());
    }

    private static String commitAndPush(String message) {
        return commitAndPush(message, "main");
    }

    private static String commitAndPush(String message, String branch) {
        Git.run(checkout, "add", "-A");
        Git.run(checkout, "commit", "-q", "--allow-empty", "-m", message);
        Git.run(checkout, "push", "-q", "-f", origin.toUri().toString(), "HEAD:refs/heads/" + branch);
        return Git.run(checkout, "rev-parse", "HEAD");
    }

    /** GitHub's own push payload, pointed at this commit of the branch. */
    private static byte[] payload(String sha, String branch) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(Reference.bytes(PUSH_PAYLOAD));
        payload.put("ref", "refs/heads/" + branch);
        payload.put("after", sha);
        payload.put("deleted", false);
        if (payload.path("head_commit").isObject()) {
            ((ObjectNode) payload.get("head_commit")).put("id", sha);
        }
        return JSON.writeValueAsBytes(payload);
    }

    private static byte[] payload(String sha) throws IOException {
        return payload(sha, "main");
    }

    /** The same payload as GitHub sends it when the branch is deleted: no commit after, none at its head. */
    private static byte[] deletion(String branch, String lastSha) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(Reference.bytes(PUSH_PAYLOAD));
        payload.put("ref", "refs/heads/" + branch);
        payload.put("before", lastSha);
        payload.put("after", "0".repeat(40));
        payload.put("created", false);
        payload.put("deleted", true);
        payload.putNull("head_commit");
        payload.putArray("commits");
        Git.run(origin, "update-ref", "-d", "refs/heads/" + branch);
        return JSON.writeValueAsBytes(payload);
    }

    private static HttpResponse<String> deliver(String sha, String key) throws Exception {
        return deliver(sha, key, "main");
    }

    private static HttpResponse<String> deliver(String sha, String key, String branch) throws Exception {
        byte[] body = payload(sha, branch);
        return post(stack.webhookUrl(), body, signed(body));
    }

    private static Map<String, String> signed(byte[] body) {
        return Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", WebhookSigner.signature(secret, body));
    }

    private static JsonNode environment(String name) throws Exception {
        for (JsonNode environment : JSON.readTree(get(stack.url("deploy-service") + "/api/apps/shop/environments").body())) {
            if (environment.path("environment").asText().equals(name)) {
                return environment;
            }
        }
        throw new AssertionError("shop has no environment " + name);
    }

    private static String commitServedAt(String site) {
        try {
            HttpResponse<String> info = get(site + "build-info.json");
            return info.statusCode() == 200 ? JSON.readTree(info.body()).path("commit").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** GETs {@code url}; a service's {@code /api} with the stack's local deployer token. */
    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, isApi(url) ? localToken() : null);
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service's API; not the edge, where {@code /<app>/<environment>/api/...} is the shop's own backend. */
    private static boolean isApi(String url) {
        return URI.create(url).getPath().startsWith("/api/");
    }

    /** The token ./slipway up leaves for the CLI on this machine: {@code <data dir>/credentials}. */
    private static String localToken() throws IOException {
        return Files.readString(work.resolve("data").resolve("credentials")).trim();
    }

    /** POSTs {@code body}; to a service's {@code /api} with the local token, to the webhook with none (HMAC only). */
    private static HttpResponse<String> post(String url, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (isApi(url)) {
            request.header("Authorization", "Bearer " + localToken());
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String url, Map<String, String> body) throws IOException {
        try {
            return post(url, JSON.writeValueAsBytes(body), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.slipway.deploy;

import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.deploy.domain.edge.EdgeEnvironment;
import dev.slipway.deploy.messaging.DeployWorker;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentSettings;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.PromoteRefused;
import dev.slipway.events.PromoteRequested;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.TargetSettings;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The release engine end to end inside deploy-service, with the real edge running every release's processes:
 * configuration and secrets, partial failure, promotion rules, previews, and restoring what died.
 */
@QuarkusTest
class ReleaseEngineTest {
    static EventProbe probe;

    @Inject
    DeployWorker worker;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** FR-005, FR-009: variables and secrets reach the processes; a rollback runs with the snapshot it ran with. */
    @Test
    void configurationAndSecretsReachTheReleaseAndARollbackRestoresItsSnapshot() {
        String app = "engine-config";
        given().contentType(ContentType.TEXT).body("first-key\n")
                .put("/api/apps/{app}/environments/production/secrets/API_KEY", app)
                .then().statusCode(200).body("name", equalTo("API_KEY")).body("updatedAt", notNullValue());
        String url = deploy(app, "production", 1, Map.of("GREETING", "hello"));
        given().get(url + "api/version").then().statusCode(200)
                .body("greeting", equalTo("hello")).body("apiKey", equalTo("first-key"));

        given().contentType(ContentType.TEXT).body("second-key")
                .put("/api/apps/{app}/environments/production/secrets/API_KEY", app).then().statusCode(200);
        deploy(app, "production", 2, Map.of("GREETING", "bonjour"));
        given().get(url + "api/version").then().body("greeting", equalTo("bonjour")).body("apiKey", equalTo("second-key"));

        probe.publish(rollback(app, 1L));
        probe.await(EventType.ROLLBACK_COMPLETED, e -> e.data().app().equals(app));
        given().get(url + "api/version").then().body("version", equalTo("1"))
                .body("greeting", equalTo("hello")).body("apiKey", equalTo("first-key"));

        String secrets = given().get("/api/apps/{app}/environments/production/secrets", app).then().statusCode(200)
                .body("name", equalTo(List.of("API_KEY"))).extract().asString();
        String history = given().get("/api/apps/{app}/deployments", app).then().statusCode(200)
                .body("[0].variables", equalTo(List.of("GREETING")))
                .body("[0].secrets", equalTo(List.of("API_KEY"))).extract().asString();
        assertThat(secrets + history).doesNotContain("first-key").doesNotContain("second-key");
        given().contentType(ContentType.TEXT).body("x").put("/api/apps/{app}/environments/production/secrets/SLIPWAY_APP", app)
                .then().statusCode(400).body("field", equalTo("name")).body("error", containsString("set by Slipway"));
        given().contentType(ContentType.TEXT).body("x").put("/api/apps/{app}/environments/production/secrets/api-key", app)
                .then().statusCode(400).body("error", containsString("capital letters"));
        given().contentType(ContentType.TEXT).body("").put("/api/apps/{app}/environments/production/secrets/EMPTY", app)
                .then().statusCode(400).body("field", equalTo("value"));
        given().delete("/api/apps/{app}/environments/production/secrets/NOPE", app).then().statusCode(404);
    }

    /** SC-007, partial failure: a component that does not come up fails the release; the live one keeps serving. */
    @Test
    void aReleaseWhoseServiceCrashesIsFailedAndTheLiveOneKeepsServing() {
        String app = "engine-partial";
        String url = deploy(app, "production", 1, Map.of());

        byte[] site = Builds.site("broken release", Builds.commit());
        probe.publish(Builds.succeeded(app, "production", Builds.commit(), 2, List.of(
                Builds.web(Builds.store(site), site.length), Builds.api(Builds.Service.CRASHES, null))));

        DeployFailed failed = probe.<DeployFailed>await(EventType.DEPLOY_FAILED, e -> e.data().app().equals(app)).data();
        assertThat(failed.version()).isEqualTo(2);
        assertThat(failed.reason()).startsWith("component api exited with code 3 before it was ready")
                .contains("cannot connect to the database");
        given().get(url).then().statusCode(200).body(containsString("release " + app + " 1"));
        given().get(url + "api/version").then().body("version", equalTo("1"));
        given().get("/api/apps/{app}/environments", app).then().body("[0].live.version", equalTo(1));
    }

    /** US4: production requires staging; a commit waits, visibly, until it passed staging; promotion moves artifacts. */
    @Test
    void productionWaitsForStagingAndAPromotionDeploysTheSameArtifacts() {
        String app = "engine-promote";
        String commit = Builds.commit();
        EnvironmentSettings requiresStaging = new EnvironmentSettings(Map.of(), List.of("staging"), false);
        byte[] site = Builds.site("release " + app + " 1", commit);
        List<BuiltComponent> components = List.of(Builds.web(Builds.store(site), site.length),
                Builds.api(Builds.Service.HEALTHY, null));

        probe.publish(Builds.succeeded(app, "production", commit, 1, components, requiresStaging));
        DeployWaiting waiting = probe.<DeployWaiting>await(EventType.DEPLOY_WAITING,
                e -> e.data().app().equals(app)).data();
        assertThat(waiting.reason()).isEqualTo("production requires staging: commit " + commit.substring(0, 7)
                + " has not passed staging yet");
        given().get("/api/apps/{app}/environments", app).then()
                .body("find { it.environment == 'production' }.waiting[0].reason", equalTo(waiting.reason()))
                .body("find { it.environment == 'production' }.requires", equalTo(List.of("staging")));

        probe.publish(Builds.succeeded(app, "staging", commit, 1, components));
        probe.await(EventType.DEPLOY_SUCCEEDED, (Envelope<DeploySucceeded> e) -> e.data().app().equals(app)
                && e.data().environment().equals("staging"));
        probe.publish(healthPassed(app, "staging", 1, commit));

        DeployRequested released = probe.<DeployRequested>await(EventType.DEPLOY_REQUESTED,
                e -> e.data().app().equals(app) && e.data().environment().equals("production")).data();
        assertThat(released.trigger()).isEqualTo("push to main (build #1), after it passed staging");
        probe.await(EventType.DEPLOY_SUCCEEDED, (Envelope<DeploySucceeded> e) -> e.data().app().equals(app)
                && e.data().environment().equals("production"));

        String next = Builds.commit();
        byte[] site2 = Builds.site("release " + app + " 2", next);
        probe.publish(Builds.succeeded(app, "staging", next, 2, List.of(Builds.web(Builds.store(site2), site2.length),
                Builds.api(Builds.Service.HEALTHY, null))));
        probe.await(EventType.DEPLOY_SUCCEEDED, (Envelope<DeploySucceeded> e) -> e.data().app().equals(app)
                && e.data().environment().equals("staging") && e.data().version() == 2);

        Envelope<PromoteRequested> early = promote(app, next);
        probe.publish(early);
        PromoteRefused refused = probe.<PromoteRefused>await(EventType.PROMOTE_REFUSED,
                e -> e.metadata().correlationId().equals(early.metadata().correlationId())).data();
        assertThat(refused.reason()).isEqualTo(
                "staging v2 has not passed its health checks yet; promote it once its bake window is over");

        probe.publish(healthPassed(app, "staging", 2, next));
        Envelope<PromoteRequested> promotion = promote(app, next);
        probe.publish(promotion);
        Envelope<DeploySucceeded> promoted = probe.await(EventType.DEPLOY_SUCCEEDED,
                e -> e.metadata().correlationId().equals(promotion.metadata().correlationId())
                        && e.type() == EventType.DEPLOY_SUCCEEDED);
        assertThat(promoted.data().environment()).isEqualTo("production");
        assertThat(promoted.data().version()).isEqualTo(2);
        assertThat(promoted.metadata().commitSha()).isEqualTo(next);
        given().get(promoted.data().url()).then().body(containsString("release " + app + " 2"));
        List<String> staging = given().get("/api/apps/{app}/deployments?environment=staging", app).jsonPath()
                .getList("[0].components.artifactDigest", String.class);
        given().get("/api/apps/{app}/deployments?environment=production", app).then()
                .body("[0].components.artifactDigest", equalTo(staging))
                .body("[0].trigger", equalTo("promoted from staging v2 by alice: release 2"));
    }

    /** A deleted branch's preview is torn down; named environments never are. */
    @Test
    void aDeletedBranchTearsItsPreviewDown() {
        String app = "engine-preview";
        String preview = "preview-feature-x";
        String url = deploy(app, preview, 1, Map.of(), new EnvironmentSettings(Map.of(), List.of(), true));
        String production = deploy(app, "production", 1, Map.of());

        probe.publish(branchDeleted(app, "production", "main", false));
        Envelope<BranchDeleted> deleted = branchDeleted(app, preview, "feature/x", true);
        probe.publish(deleted);

        EnvironmentTornDown down = probe.<EnvironmentTornDown>await(EventType.ENVIRONMENT_TORN_DOWN,
                e -> e.data().app().equals(app)).data();
        assertThat(down).isEqualTo(new EnvironmentTornDown(app, preview, "branch feature/x was deleted"));
        given().get(url).then().statusCode(404);
        given().get(production).then().statusCode(200);
        given().get("/api/apps/{app}/environments", app).then()
                .body("find { it.environment == 'preview-feature-x' }.tornDown.reason",
                        equalTo("branch feature/x was deleted"))
                .body("find { it.environment == 'preview-feature-x' }.preview", equalTo(true))
                .body("find { it.environment == 'production' }.tornDown", equalTo(null));
    }

    /** US3: a closed pull request takes its preview with it. */
    @Test
    void aClosedPullRequestTearsItsPreviewDown() {
        String app = "engine-pull-request";
        String preview = "preview-pr-7";
        String url = deploy(app, preview, 1, Map.of(), new EnvironmentSettings(Map.of(), List.of(), true));

        probe.publish(Envelope.first("ingest-service", "0".repeat(40), new PullRequestClosed(app, preview,
                "Codertocat/Hello-World", 7, true, UUID.randomUUID().toString()), java.time.Clock.systemUTC()));

        EnvironmentTornDown down = probe.<EnvironmentTornDown>await(EventType.ENVIRONMENT_TORN_DOWN,
                e -> e.data().app().equals(app)).data();
        assertThat(down).isEqualTo(new EnvironmentTornDown(app, preview, "pull request #7 was merged"));
        given().get(url).then().statusCode(404);
    }

    /** A fork's pull request deploys its preview without the environment's secrets. */
    @Test
    void aForksPullRequestRunsWithoutTheEnvironmentsSecrets() {
        String app = "engine-fork";
        String preview = "preview-pr-8";
        given().contentType(ContentType.TEXT).body("do-not-leak\n")
                .put("/api/apps/{app}/environments/{env}/secrets/API_KEY", app, preview).then().statusCode(200);

        String url = deploy(app, preview, 1, Map.of("GREETING", "hi"),
                new EnvironmentSettings(Map.of("GREETING", "hi"), List.of(), true, true, null));

        given().get(url + "api/version").then().statusCode(200)
                .body("greeting", equalTo("hi")).body("apiKey", equalTo(null));
        String trusted = deploy(app, preview, 2, Map.of("GREETING", "hi"),
                new EnvironmentSettings(Map.of("GREETING", "hi"), List.of(), true));
        given().get(trusted + "api/version").then().body("apiKey", equalTo("do-not-leak"));
    }

    /** A fork's pull request never reaches a remote target: that would take the platforms' tokens. */
    @Test
    void aForksPullRequestIsNotDeployedToARemoteTarget() {
        String app = "engine-fork-remote";
        String commit = Builds.commit();
        byte[] site = Builds.site("fork", commit);
        probe.publish(Builds.succeeded(app, "preview-pr-9", commit, 1, List.of(Builds.web(Builds.store(site),
                site.length)), new EnvironmentSettings(Map.of(), List.of(), true, true, new TargetSettings(
                new TargetSettings.Netlify("shop-previews", "NETLIFY_AUTH_TOKEN"), null))));

        DeployFailed failed = probe.<DeployFailed>await(EventType.DEPLOY_FAILED,
                e -> e.data().app().equals(app), DeployPipelineTest.FIRST_EVENT).data();
        assertThat(failed.reason()).isEqualTo("a pull request from a fork is not deployed to netlify: that would take"
                + " the platforms' tokens; it is built and tested only");
    }

    /** What an environment serves is started again when its processes are gone (the edge restarted). */
    @Test
    void anEnvironmentWhoseProcessesDiedIsStartedAgain() {
        String app = "engine-reconcile";
        String url = deploy(app, "production", 1, Map.of("GREETING", "still here"));
        EdgeClient edge = new EdgeClient(URI.create(ConfigProvider.getConfig()
                .getValue("slipway.deploy.edge.admin-url", String.class)));
        EdgeEnvironment before = edge.environment(app, "production");
        long pid = before.slot(before.live().slot()).orElseThrow().services().get(0).pid();
        // the service and the shell the edge started it with
        ProcessHandle.of(pid).ifPresent(shell -> {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        });
        await().until(() -> given().get(url + "api/version").statusCode() == 502);

        // the worker also reconciles on its own every recovery interval; either way it is started again
        worker.reconcile();

        given().get(url + "api/version").then().statusCode(200).body("version", equalTo("1"))
                .body("greeting", equalTo("still here"));
        assertThat(worker.reconcile()).isZero();
    }

    private static String deploy(String app, String environment, long build, Map<String, String> variables) {
        return deploy(app, environment, build, variables, new EnvironmentSettings(variables, List.of(), false));
    }

    private static String deploy(String app, String environment, long build, Map<String, String> variables,
                                 EnvironmentSettings settings) {
        String commit = Builds.commit();
        byte[] site = Builds.site("release " + app + " " + build, commit);
        probe.publish(Builds.succeeded(app, environment, commit, build, List.of(Builds.web(Builds.store(site),
                site.length), Builds.api(Builds.Service.HEALTHY, null)), settings));
        return probe.<DeploySucceeded>await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(app)
                && e.metadata().commitSha().equals(commit) && e.data().environment().equals(environment),
                DeployPipelineTest.FIRST_EVENT).data().url();
    }

    private static Envelope<HealthPassed> healthPassed(String app, String environment, long version, String commit) {
        return Envelope.first("verify-service", commit, new HealthPassed(app, environment, version, List.of()),
                java.time.Clock.systemUTC());
    }

    private static Envelope<PromoteRequested> promote(String app, String commit) {
        return Envelope.first("cli", commit, new PromoteRequested(app, "production", "staging", null, "release 2",
                "alice"), java.time.Clock.systemUTC());
    }

    private static Envelope<RollbackRequested> rollback(String app, Long toVersion) {
        String id = UUID.randomUUID().toString();
        return new Envelope<>(new EventMetadata(id, URI.create("/slipway/cli"), OffsetDateTime.now(),
                app + "/production", id, null, "0".repeat(40)),
                new RollbackRequested(app, "production", toVersion, "config test", "alice", null));
    }

    private static Envelope<BranchDeleted> branchDeleted(String app, String environment, String branch,
                                                         boolean preview) {
        return Envelope.first("ingest-service", "0".repeat(40), new BranchDeleted(app, environment,
                "Codertocat/Hello-World", branch, UUID.randomUUID().toString(), preview), java.time.Clock.systemUTC());
    }
}

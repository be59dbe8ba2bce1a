package dev.slipway.deploy;

import dev.slipway.deploy.domain.Digest;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthFailed;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** BuildSucceeded → versioned deployment → release live at the environment URL, on a real broker and database. */
@QuarkusTest
class DeployPipelineTest {
    static final Duration FIRST_EVENT = Duration.ofSeconds(60);
    static EventProbe probe;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** FR-013, SC-008: every deployment has a version and its commit; FR-015: the new release replaces the old at once. */
    @Test
    void eachBuildBecomesTheNextVersionAndTheUrlServesIt() {
        String app = "deploy-happy";
        String commit1 = Builds.commit();
        Envelope<BuildSucceeded> build1 = Builds.ofSite(app, commit1, 41, "release one");

        probe.publish(build1);

        Envelope<DeployRequested> requested = probe.await(EventType.DEPLOY_REQUESTED,
                e -> e.data().app().equals(app), FIRST_EVENT);
        assertThat(requested.data()).isEqualTo(new DeployRequested(app, "production", 1, 41, "local",
                "push to main (build #41)"));
        assertThat(requested.metadata().causationId()).isEqualTo(build1.metadata().id());
        assertThat(requested.metadata().correlationId()).isEqualTo(build1.metadata().correlationId());
        assertThat(requested.metadata().commitSha()).isEqualTo(commit1);
        Envelope<DeployStarted> started = probe.await(EventType.DEPLOY_STARTED, e -> e.data().app().equals(app));
        assertThat(started.data()).isEqualTo(new DeployStarted(app, "production", 1, "local"));
        assertThat(started.metadata().causationId()).isEqualTo(requested.metadata().id());
        Envelope<DeploySucceeded> succeeded = probe.await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(app));
        String edge = ConfigProvider.getConfig().getValue(EdgeResource.PUBLIC_URL_PROPERTY, String.class)
                .replaceFirst("/+$", "");
        String url = edge + "/" + app + "/production/";
        assertThat(succeeded.data().version()).isEqualTo(1);
        assertThat(succeeded.data().url()).isEqualTo(url);
        assertThat(succeeded.data().took().isNegative()).isFalse();
        // FR-015: the site at the root and the service under its route, both checked where they are served
        assertThat(succeeded.data().checks()).containsExactly(new ComponentCheck("web", url, 200),
                new ComponentCheck("api", url + "api/health", 200));
        assertThat(succeeded.metadata().causationId()).isEqualTo(started.metadata().id());
        assertThat(succeeded.metadata().correlationId()).isEqualTo(build1.metadata().correlationId());
        assertThat(succeeded.metadata().commitSha()).isEqualTo(commit1);

        given().get(url).then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache").body(containsString("release one"));
        given().get(url + "build-info.json").then().statusCode(200).contentType(containsString("application/json"))
                .body("commit", equalTo(commit1));
        given().get(url + "assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get(url + "missing.html").then().statusCode(404);
        given().redirects().follow(false).get(edge + "/" + app + "/production").then().statusCode(301)
                .header("Location", endsWith("/" + app + "/production/"));
        given().get(url + "api/version").then().statusCode(200).body("commit", equalTo(commit1))
                .body("version", equalTo("1")).body("environment", equalTo("production"))
                .header("X-Slipway-Release", "1");

        String commit2 = Builds.commit();
        probe.publish(Builds.ofSite(app, commit2, 42, "release two"));

        Envelope<DeploySucceeded> second = probe.await(EventType.DEPLOY_SUCCEEDED,
                e -> e.data().app().equals(app) && e.data().version() == 2);
        assertThat(second.data().url()).isEqualTo(url);
        assertThat(second.metadata().commitSha()).isEqualTo(commit2);
        given().get(url).then().statusCode(200).body(containsString("release two"));
        given().get(url + "build-info.json").then().statusCode(200).body("commit", equalTo(commit2));
        given().get(url + "api/version").then().statusCode(200).body("commit", equalTo(commit2));
        assertThat(given().get("/api/apps/{app}/environments/production/deployments/2/log", app).then()
                .statusCode(200).extract().asString())
                .contains("fetching web", "fetching api", "api is ready in slot", "switched to slot");
        // FR-014: followed live, the same lines come as server-sent events, then the final status
        assertThat(given().get("/api/apps/{app}/environments/production/deployments/2/log?follow=true", app).then()
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString())
                .contains("data:fetching web").contains("data:switched to slot").contains("event:end\ndata:SUCCEEDED");
    }

    /** SC-007: a deploy that fails leaves the environment serving what it served, and says why. */
    @Test
    void failedDeploysLeaveThePreviousReleaseLive() {
        String app = "deploy-fails";
        String commit1 = Builds.commit();
        probe.publish(Builds.ofSite(app, commit1, 7, "good release"));
        String url = probe.<DeploySucceeded>await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(app),
                FIRST_EVENT).data().url();

        byte[] promised = Builds.site("tampered release", commit1);
        String digest = Digest.of(promised).toString();
        Builds.storeUnder(digest, Builds.site("something else", commit1));
        probe.publish(Builds.succeeded(app, Builds.commit(), 8, Builds.webAndApi(digest, promised.length)));

        DeployFailed mismatch = probe.<DeployFailed>await(EventType.DEPLOY_FAILED,
                e -> e.data().app().equals(app) && e.data().version() == 2).data();
        assertThat(mismatch.reason()).startsWith("component web: artifact " + digest + " does not match its digest");
        given().get(url).then().statusCode(200).body(containsString("good release"));

        String missing = Digest.of(Builds.site("never stored", commit1)).toString();
        probe.publish(Builds.succeeded(app, Builds.commit(), 9, Builds.webAndApi(missing, 100)));

        DeployFailed notFound = probe.<DeployFailed>await(EventType.DEPLOY_FAILED,
                e -> e.data().app().equals(app) && e.data().version() == 3).data();
        assertThat(notFound.reason()).isEqualTo(
                "component web: artifact " + missing + " not found at the build-service (404)");
        given().get(url).then().statusCode(200).body(containsString("good release"));
        given().get(url + "build-info.json").then().body("commit", equalTo(commit1));

        given().get("/api/apps/{app}/environments", app).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].environment", equalTo("production"))
                .body("[0].url", equalTo(url))
                .body("[0].live.version", equalTo(1))
                .body("[0].live.commitSha", equalTo(commit1))
                .body("[0].live.buildNumber", equalTo(7))
                .body("[0].live.status", equalTo("SUCCEEDED"))
                .body("[0].live.deployedAt", containsString("T"))
                .body("[0].latest.version", equalTo(3))
                .body("[0].latest.status", equalTo("FAILED"))
                .body("[0].latest.reason", containsString("404"))
                .body("[0].latest.deployedAt", nullValue());
        Response history = given().get("/api/apps/{app}/deployments?environment=production&limit=10", app);
        history.then().statusCode(200);
        assertThat(history.jsonPath().getList("version", Integer.class)).containsExactly(3, 2, 1);
        assertThat(history.jsonPath().getList("status", String.class)).containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(history.jsonPath().getString("[1].reason")).contains("does not match its digest");
        assertThat(history.jsonPath().getString("[2].finishedAt")).isNotNull();
    }

    @Test
    void redeliveredBuildSucceededCreatesNoSecondDeployment() {
        String app = "deploy-redelivery";
        Envelope<BuildSucceeded> build = Builds.ofSite(app, Builds.commit(), 1, "once");
        Envelope<BuildSucceeded> next = Builds.ofSite(app, Builds.commit(), 2, "twice");

        probe.publish(build);
        probe.publish(build);
        probe.publish(next);

        // same key, same partition: once the next build is handled, both copies of the first were too
        probe.<DeployRequested>await(EventType.DEPLOY_REQUESTED,
                e -> e.data().app().equals(app) && e.data().version() == 2, FIRST_EVENT);
        List<Envelope<?>> requested = probe.forApp(app).stream().filter(e -> e.type() == EventType.DEPLOY_REQUESTED).toList();
        assertThat(requested).extracting(e -> e.metadata().causationId())
                .containsExactly(build.metadata().id(), next.metadata().id());
        Response history = given().get("/api/apps/{app}/deployments", app);
        assertThat(history.jsonPath().getList("triggeredBy", String.class))
                .containsExactly(next.metadata().id(), build.metadata().id());
    }

    @Test
    void healthResultIsRecordedOnTheDeployment() {
        String app = "deploy-health";
        probe.publish(Builds.ofSite(app, Builds.commit(), 3, "checked"));
        probe.await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(app), FIRST_EVENT);
        Envelope<HealthFailed> fixture = GoldenFixtures.envelope(EventType.HEALTH_FAILED);

        probe.publish(Envelope.answering(fixture.metadata(), "verify-service",
                new HealthFailed(app, "production", 1, fixture.data().observations()), java.time.Clock.systemUTC()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/apps/{app}/deployments", app).then()
                        .body("[0].health", equalTo("FAILED"))
                        .body("[0].healthSummary", containsString("web"))
                        .body("[0].healthSummary", containsString("expected status 200, got 503")));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.health", equalTo("FAILED"))
                .body("[0].latest", nullValue());
    }

    @Test
    void unknownAppsAndBadLimitsAreClearErrors() {
        given().get("/api/apps/never-deployed/environments").then().statusCode(404)
                .body("error", equalTo("no app 'never-deployed' has been deployed here"));
        given().get("/api/apps/never-deployed/deployments").then().statusCode(404);
        given().get(ConfigProvider.getConfig().getValue(EdgeResource.PUBLIC_URL_PROPERTY, String.class)
                .replaceFirst("/+$", "") + "/never-deployed/production/").then().statusCode(404);

        probe.publish(Builds.ofSite("deploy-limits", Builds.commit(), 1, "limits"));
        probe.await(EventType.DEPLOY_REQUESTED, e -> e.data().app().equals("deploy-limits"), FIRST_EVENT);
        given().get("/api/apps/deploy-limits/deployments?limit=0").then().statusCode(400)
                .body("error", equalTo("limit must be a whole number from 1 to 200, got '0'"));
        given().get("/api/apps/deploy-limits/deployments?environment=staging").then().statusCode(404)
                .body("error", equalTo("app 'deploy-limits' has no environment 'staging'"));
    }
}

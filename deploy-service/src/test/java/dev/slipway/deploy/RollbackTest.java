package dev.slipway.deploy;

import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.RollbackStarted;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * RollbackRequested switches an environment back to a release it ran, exactly as it ran, in the environment's
 * lane, and pins it there until resumed.
 */
@QuarkusTest
class RollbackTest {
    static final String PRODUCTION = Builds.ENVIRONMENT;
    static EventProbe probe;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void rollingBackRestoresThePreviousReleaseAndPinsTheEnvironmentUntilResumed() {
        String app = "rollback-pin";
        String commit1 = Builds.commit();
        String commit2 = Builds.commit();
        String url = deploy(app, commit1, 1, "release one", DeployPipelineTest.FIRST_EVENT);
        deploy(app, commit2, 2, "release two", DeployPipelineTest.FIRST_EVENT);
        given().get(url).then().body(containsString("release two"));

        Envelope<RollbackRequested> request = rollback(app, null, "checkout returns 500", "alice", commit2);
        probe.publish(request);

        Envelope<RollbackStarted> started = probe.await(EventType.ROLLBACK_STARTED, e -> e.data().app().equals(app));
        assertThat(started.data()).isEqualTo(new RollbackStarted(app, PRODUCTION, 2, 1));
        assertThat(started.metadata().causationId()).isEqualTo(request.metadata().id());
        assertThat(started.metadata().correlationId()).isEqualTo(request.metadata().correlationId());
        assertThat(started.metadata().commitSha()).isEqualTo(commit1);
        Envelope<RollbackCompleted> completed = probe.await(EventType.ROLLBACK_COMPLETED,
                e -> e.data().app().equals(app));
        assertThat(completed.data().fromVersion()).isEqualTo(2);
        assertThat(completed.data().toVersion()).isEqualTo(1);
        assertThat(completed.data().url()).isEqualTo(url);
        assertThat(completed.data().took().isNegative()).isFalse();
        assertThat(completed.metadata().causationId()).isEqualTo(started.metadata().id());
        assertThat(completed.metadata().correlationId()).isEqualTo(request.metadata().correlationId());
        assertThat(completed.metadata().commitSha()).isEqualTo(commit1);

        given().get(url).then().statusCode(200).body(containsString("release one"));
        given().get(url + "build-info.json").then().body("commit", equalTo(commit1));
        String reason = "rolled back from v2 to v1: checkout returns 500 (by alice)";
        given().get("/api/apps/{app}/environments", app).then().statusCode(200)
                .body("[0].live.version", equalTo(1))
                .body("[0].live.commitSha", equalTo(commit1))
                .body("[0].latest.version", equalTo(2))
                .body("[0].pinned.reason", equalTo(reason))
                .body("[0].pinned.since", containsString("T"));

        // pinned: a new build is recorded and queued, but not deployed (held, so a deploy would stay in flight)
        String commit3 = Builds.commit();
        byte[] site3 = Builds.site("release three", commit3);
        String digest3 = Builds.store(site3);
        Builds.hold(digest3);
        try {
            probe.publish(Builds.succeeded(app, commit3, 3, Builds.webAndApi(digest3, site3.length)));
            probe.await(EventType.DEPLOY_REQUESTED,
                    (Envelope<DeployRequested> e) -> e.data().app().equals(app) && e.data().version() == 3);
            // the lane's worker answers this request only after looking at the lane with version 3 queued in it
            probe.publish(rollback(app, 3L, "try the new one", "bob", commit1));
            RollbackFailed neverLive = probe.<RollbackFailed>await(EventType.ROLLBACK_FAILED,
                    e -> e.data().app().equals(app)).data();
            assertThat(neverLive).isEqualTo(new RollbackFailed(app, PRODUCTION, 3L, "version 3 never went live"));
            given().get("/api/apps/{app}/environments", app).then()
                    .body("[0].queued.version", equalTo(List.of(3)))
                    .body("[0].running", nullValue())
                    .body("[0].live.version", equalTo(1))
                    .body("[0].pinned.reason", equalTo(reason));
            given().get(url).then().body(containsString("release one"));

            given().post("/api/apps/{app}/environments/{env}/resume", app, PRODUCTION).then().statusCode(200)
                    .body("pinned", nullValue());
            given().post("/api/apps/{app}/environments/{env}/resume", app, PRODUCTION).then().statusCode(409)
                    .body("error", equalTo("environment 'production' of app 'rollback-pin' is not pinned"));
            Builds.release(digest3);
            deployed(app, 3);
        } finally {
            Builds.release(digest3);
        }
        given().get(url).then().body(containsString("release three"));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(3))
                .body("[0].latest", nullValue())
                .body("[0].queued", empty())
                .body("[0].pinned", nullValue());

        JsonPath history = given().get("/api/apps/{app}/rollbacks", app).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("status", String.class)).containsExactly("FAILED", "COMPLETED");
        assertThat(history.getString("[0].failure")).isEqualTo("version 3 never went live");
        assertThat(history.getLong("[0].requestedVersion")).isEqualTo(3);
        assertThat(history.getString("[1].environment")).isEqualTo(PRODUCTION);
        assertThat(history.getString("[1].requestedVersion")).isNull();
        assertThat(history.getLong("[1].fromVersion")).isEqualTo(2);
        assertThat(history.getLong("[1].toVersion")).isEqualTo(1);
        assertThat(history.getString("[1].reason")).isEqualTo("checkout returns 500");
        assertThat(history.getString("[1].requestedBy")).isEqualTo("alice");
        assertThat(history.getString("[1].requestedAt")).isNotNull();
        assertThat(history.getString("[1].finishedAt")).isNotNull();
        assertThat(history.getString("[1].triggeredBy")).isEqualTo(request.metadata().id());
    }

    @Test
    void aNamedVersionIsRestoredAndRefusalsSwitchNothing() {
        String app = "rollback-named";
        String commit1 = Builds.commit();
        String url = deploy(app, commit1, 1, "named one", DeployPipelineTest.FIRST_EVENT);
        deploy(app, Builds.commit(), 2, "named two", DeployPipelineTest.FIRST_EVENT);
        String commit3 = Builds.commit();
        deploy(app, commit3, 3, "named three", DeployPipelineTest.FIRST_EVENT);

        probe.publish(rollback(app, 1L, "bad week", "carol", commit3));
        RollbackCompleted completed = probe.<RollbackCompleted>await(EventType.ROLLBACK_COMPLETED,
                e -> e.data().app().equals(app)).data();
        assertThat(completed.fromVersion()).isEqualTo(3);
        assertThat(completed.toVersion()).isEqualTo(1);
        given().get(url).then().body(containsString("named one"));

        Envelope<RollbackRequested> nothingEarlier = rollback(app, null, "further", "carol", commit1);
        probe.publish(nothingEarlier);
        Envelope<RollbackFailed> failed = probe.await(EventType.ROLLBACK_FAILED,
                e -> e.metadata().causationId().equals(nothingEarlier.metadata().id()));
        assertThat(failed.data()).isEqualTo(new RollbackFailed(app, PRODUCTION, null,
                "no version went live before version 1, nothing earlier to roll back to"));
        assertThat(failed.metadata().commitSha()).isEqualTo(commit1);
        Envelope<RollbackRequested> alreadyLive = rollback(app, 1L, "again", "carol", commit1);
        probe.publish(alreadyLive);
        assertThat(probe.<RollbackFailed>await(EventType.ROLLBACK_FAILED,
                e -> e.metadata().causationId().equals(alreadyLive.metadata().id())).data().reason())
                .isEqualTo("version 1 is already live");
        given().get(url).then().body(containsString("named one"));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(1))
                .body("[0].pinned.reason", equalTo("rolled back from v3 to v1: bad week (by carol)"));

        // a later version that went live can be named too: the pin then says so
        probe.publish(rollback(app, 3L, "fixed upstream", "dave", commit1));
        probe.await(EventType.ROLLBACK_COMPLETED,
                (Envelope<RollbackCompleted> e) -> e.data().app().equals(app) && e.data().toVersion() == 3);
        given().get(url).then().body(containsString("named three"));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(3))
                .body("[0].pinned.reason", equalTo("rolled back from v1 to v3: fixed upstream (by dave)"));
        assertThat(probe.forApp(app).stream().filter(e -> e.type() == EventType.ROLLBACK_STARTED)
                .map(e -> (RollbackStarted) e.data()))
                .containsExactly(new RollbackStarted(app, PRODUCTION, 3, 1), new RollbackStarted(app, PRODUCTION, 1, 3));
    }

    @Test
    void unknownEnvironmentsAndFirstReleasesHaveNothingToRollBackTo() {
        Envelope<RollbackRequested> unknown = rollback("rollback-unknown", null, "panic", "erin", Builds.commit());
        probe.publish(unknown);
        Envelope<RollbackFailed> failed = probe.await(EventType.ROLLBACK_FAILED,
                e -> e.data().app().equals("rollback-unknown"), DeployPipelineTest.FIRST_EVENT);
        assertThat(failed.data()).isEqualTo(new RollbackFailed("rollback-unknown", PRODUCTION, null,
                "app 'rollback-unknown' has no environment 'production' deployed here"));
        assertThat(failed.metadata().causationId()).isEqualTo(unknown.metadata().id());
        given().post("/api/apps/rollback-unknown/environments/production/resume").then().statusCode(404);

        String app = "rollback-first";
        String commit1 = Builds.commit();
        String url = deploy(app, commit1, 1, "first only", DeployPipelineTest.FIRST_EVENT);
        probe.publish(rollback(app, null, "panic", "erin", commit1));
        assertThat(probe.<RollbackFailed>await(EventType.ROLLBACK_FAILED, e -> e.data().app().equals(app)).data()
                .reason()).isEqualTo("no version went live before version 1, nothing earlier to roll back to");
        given().get(url).then().body(containsString("first only"));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(1))
                .body("[0].pinned", nullValue());
        given().post("/api/apps/{app}/environments/staging/resume", app).then().statusCode(404)
                .body("error", equalTo("app 'rollback-first' has no environment 'staging'"));
        assertThat(probe.forApp(app)).noneMatch(e -> e.type() == EventType.ROLLBACK_STARTED);
    }

    @Test
    void aRedeliveredRequestRollsBackOnce() {
        String app = "rollback-redelivery";
        String url = deploy(app, Builds.commit(), 1, "again one", DeployPipelineTest.FIRST_EVENT);
        String commit2 = Builds.commit();
        deploy(app, commit2, 2, "again two", DeployPipelineTest.FIRST_EVENT);
        Envelope<RollbackRequested> request = rollback(app, null, "twice", "frank", commit2);

        probe.publish(request);
        probe.publish(request);
        // same key, same partition, same lane: once this one is answered, both copies before it were handled
        Envelope<RollbackRequested> marker = rollback(app, 9L, "marker", "frank", commit2);
        probe.publish(marker);

        probe.await(EventType.ROLLBACK_FAILED, e -> e.metadata().causationId().equals(marker.metadata().id()));
        assertThat(probe.forApp(app).stream().filter(e -> e.type() == EventType.ROLLBACK_STARTED)).hasSize(1);
        assertThat(probe.forApp(app).stream().filter(e -> e.type() == EventType.ROLLBACK_COMPLETED)).hasSize(1);
        assertThat(given().get("/api/apps/{app}/rollbacks", app).jsonPath().getList("triggeredBy", String.class))
                .containsExactly(marker.metadata().id(), request.metadata().id());
        given().get(url).then().body(containsString("again one"));
    }

    /** A deploy in flight finishes before the rollback runs; the rollback runs before the deploy queued behind. */
    @Test
    void aRollbackWaitsForTheDeployInFlightAndGoesBeforeTheQueuedOnes() {
        String app = "rollback-lane";
        String url = deploy(app, Builds.commit(), 1, "lane one", DeployPipelineTest.FIRST_EVENT);
        String commit2 = Builds.commit();
        byte[] site2 = Builds.site("lane two", commit2);
        String digest2 = Builds.store(site2);
        Builds.hold(digest2);
        try {
            probe.publish(Builds.succeeded(app, commit2, 2, Builds.webAndApi(digest2, site2.length)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .get("/api/apps/{app}/environments", app).then().body("[0].running.version", equalTo(2)));
            probe.publish(Builds.ofSite(app, Builds.commit(), 3, "lane three"));
            probe.publish(rollback(app, null, "during a deploy", "grace", commit2));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                given().get("/api/apps/{app}/rollbacks", app).then().body("[0].status", equalTo("REQUESTED"));
                given().get("/api/apps/{app}/environments", app).then()
                        .body("[0].queued.version", equalTo(List.of(3)));
            });
            Builds.release(digest2);
        } finally {
            Builds.release(digest2);
        }

        // version 2 went live first, so it is what is rolled back from; version 3 stays queued behind the pin
        RollbackCompleted completed = probe.<RollbackCompleted>await(EventType.ROLLBACK_COMPLETED,
                e -> e.data().app().equals(app)).data();
        assertThat(completed.fromVersion()).isEqualTo(2);
        assertThat(completed.toVersion()).isEqualTo(1);
        given().get(url).then().body(containsString("lane one"));
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(1))
                .body("[0].running", nullValue())
                .body("[0].queued.version", equalTo(List.of(3)))
                .body("[0].pinned", notNullValue());
    }

    private static String deploy(String app, String commit, long build, String title, Duration timeout) {
        probe.publish(Builds.ofSite(app, commit, build, title));
        return probe.<DeploySucceeded>await(EventType.DEPLOY_SUCCEEDED,
                e -> e.data().app().equals(app) && e.metadata().commitSha().equals(commit), timeout).data().url();
    }

    private static void deployed(String app, long version) {
        probe.await(EventType.DEPLOY_SUCCEEDED,
                (Envelope<DeploySucceeded> e) -> e.data().app().equals(app) && e.data().version() == version);
    }

    /** A request as the CLI sends it: a new run, about the commit live when asked. */
    private static Envelope<RollbackRequested> rollback(String app, Long toVersion, String reason, String by,
                                                        String liveCommit) {
        Envelope<RollbackRequested> fixture = GoldenFixtures.envelope(EventType.ROLLBACK_REQUESTED);
        String id = UUID.randomUUID().toString();
        EventMetadata metadata = new EventMetadata(id, fixture.metadata().source(), OffsetDateTime.now(),
                app + "/" + PRODUCTION, id, null, liveCommit);
        return new Envelope<>(metadata, new RollbackRequested(app, PRODUCTION, toVersion, reason, by, null));
    }
}

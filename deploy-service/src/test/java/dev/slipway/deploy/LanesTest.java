package dev.slipway.deploy;

import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * One release at a time per environment: of the deployments queued behind one in flight only the newest is
 * deployed, the others are superseded (latest wins); other environments do not wait.
 */
@QuarkusTest
class LanesTest {
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
    void aNewerDeploymentSupersedesTheQueuedOneAndOtherEnvironmentsDoNotWait() {
        String app = "deploy-lanes";
        String commit1 = Builds.commit();
        String commit2 = Builds.commit();
        String commit3 = Builds.commit();
        byte[] site1 = Builds.site("release one", commit1);
        byte[] site3 = Builds.site("release three", commit3);
        String digest1 = Builds.store(site1);
        String digest3 = Builds.store(site3);
        Builds.hold(digest1);
        Builds.hold(digest3);
        try {
            probe.publish(Builds.succeeded(app, commit1, 1, Builds.webAndApi(digest1, site1.length)));
            started(app, PRODUCTION, 1);

            Envelope<BuildSucceeded> build2 = Builds.ofSite(app, commit2, 2, "release two");
            probe.publish(build2);
            probe.publish(Builds.succeeded(app, commit3, 3, Builds.webAndApi(digest3, site3.length)));
            Envelope<DeployRequested> requested2 = probe.await(EventType.DEPLOY_REQUESTED,
                    (Envelope<DeployRequested> e) -> e.data().app().equals(app) && e.data().version() == 2);
            probe.await(EventType.DEPLOY_REQUESTED,
                    (Envelope<DeployRequested> e) -> e.data().app().equals(app) && e.data().version() == 3);

            // version 1 is held mid-deploy, so both newer ones wait behind it, the newest first
            given().get("/api/apps/{app}/environments", app).then().statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].running.version", equalTo(1))
                    .body("[0].running.status", equalTo("DEPLOYING"))
                    .body("[0].queued.version", equalTo(List.of(3, 2)))
                    .body("[0].queued.status", equalTo(List.of("REQUESTED", "REQUESTED")))
                    .body("[0].live", nullValue())
                    .body("[0].latest.version", equalTo(3));

            // another environment's lane is free: it deploys while production's deploy is still in flight
            probe.publish(Builds.ofSite(app, "staging", Builds.commit(), 4, "staging one"));
            succeeded(app, "staging", 1);
            given().get("/api/apps/{app}/environments", app).then()
                    .body("find { it.environment == 'production' }.running.version", equalTo(1))
                    .body("find { it.environment == 'staging' }.live.version", equalTo(1))
                    .body("find { it.environment == 'staging' }.running", nullValue())
                    .body("find { it.environment == 'staging' }.queued", empty());

            Builds.release(digest1);
            succeeded(app, PRODUCTION, 1);
            Envelope<DeploySuperseded> superseded = probe.await(EventType.DEPLOY_SUPERSEDED,
                    (Envelope<DeploySuperseded> e) -> e.data().app().equals(app));
            assertThat(superseded.data()).isEqualTo(new DeploySuperseded(app, PRODUCTION, 2, 3));
            assertThat(superseded.metadata().causationId()).isEqualTo(requested2.metadata().id());
            assertThat(superseded.metadata().correlationId()).isEqualTo(build2.metadata().correlationId());
            assertThat(superseded.metadata().commitSha()).isEqualTo(commit2);
            started(app, PRODUCTION, 3);

            // claimed: version 3 runs (held again), version 2 no longer waits
            given().get("/api/apps/{app}/environments", app).then()
                    .body("[0].environment", equalTo(PRODUCTION))
                    .body("[0].running.version", equalTo(3))
                    .body("[0].queued", empty())
                    .body("[0].live.version", equalTo(1));

            Builds.release(digest3);
            String url = succeeded(app, PRODUCTION, 3).data().url();
            given().get(url).then().statusCode(200).body(containsString("release three"));
        } finally {
            Builds.release(digest1);
            Builds.release(digest3);
        }

        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(3))
                .body("[0].latest", nullValue())
                .body("[0].running", nullValue())
                .body("[0].queued", empty());
        JsonPath history = given().get("/api/apps/{app}/deployments?environment=production", app).jsonPath();
        assertThat(history.getList("version", Integer.class)).containsExactly(3, 2, 1);
        assertThat(history.getList("status", String.class)).containsExactly("SUCCEEDED", "SUPERSEDED", "SUCCEEDED");
        assertThat(history.getString("[1].reason")).isEqualTo("superseded by version 3");
        assertThat(history.getString("[1].startedAt")).isNull();
        assertThat(history.getString("[1].finishedAt")).isNotNull();
        // same key, same partition: had version 2 started, it would have been seen before version 3 succeeded
        assertThat(probe.forApp(app).stream().filter(e -> e.type() == EventType.DEPLOY_STARTED)
                .map(e -> (DeployStarted) e.data()).filter(d -> d.environment().equals(PRODUCTION))
                .map(DeployStarted::version)).containsExactly(1L, 3L);
    }

    private static void started(String app, String environment, long version) {
        DeployStarted expected = new DeployStarted(app, environment, version, "local");
        // the first one may wait for the service's consumer to join its group
        probe.await(EventType.DEPLOY_STARTED, (Envelope<DeployStarted> e) -> e.data().equals(expected),
                DeployPipelineTest.FIRST_EVENT);
    }

    private static Envelope<DeploySucceeded> succeeded(String app, String environment, long version) {
        return probe.await(EventType.DEPLOY_SUCCEEDED, (Envelope<DeploySucceeded> e) -> e.data().app().equals(app)
                && e.data().environment().equals(environment) && e.data().version() == version);
    }
}

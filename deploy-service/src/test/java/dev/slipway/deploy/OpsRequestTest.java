package dev.slipway.deploy;

import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackRequested;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** FR-008, US4: rollbacks and promotions asked through the API go out as ops events and are carried out. */
@QuarkusTest
class OpsRequestTest {
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
    void aRollbackAskedThroughTheApiIsPublishedAndCarriedOut() {
        String app = "ops-rollback";
        deploy(app, "production", 1);
        deploy(app, "production", 2);

        String eventId = given().contentType(ContentType.JSON).body(Map.of("toVersion", 1, "reason", "cart is empty"))
                .post("/api/apps/{app}/environments/production/rollbacks", app)
                .then().statusCode(202).extract().path("eventId");

        Envelope<RollbackRequested> published = probe.await(EventType.ROLLBACK_REQUESTED,
                e -> e.metadata().id().equals(eventId));
        assertThat(published.data()).isEqualTo(new RollbackRequested(app, "production", 1L, "cart is empty",
                "anonymous", null));
        RollbackCompleted completed = probe.<RollbackCompleted>await(EventType.ROLLBACK_COMPLETED,
                e -> e.metadata().correlationId().equals(eventId)).data();
        assertThat(completed.toVersion()).isEqualTo(1);

        given().contentType(ContentType.JSON).body(Map.of("toVersion", 0))
                .post("/api/apps/{app}/environments/production/rollbacks", app)
                .then().statusCode(400).body("field", equalTo("toVersion"));
        given().contentType(ContentType.JSON).body(Map.of())
                .post("/api/apps/{app}/environments/nowhere/rollbacks", app).then().statusCode(404);
    }

    @Test
    void aPromotionIsAnsweredAtOnceWhenItCannotBeDoneAndCarriedOutWhenItCan() {
        String app = "ops-promote";
        deploy(app, "staging", 1);

        given().contentType(ContentType.JSON).body(Map.of("from", "staging", "to", "production"))
                .post("/api/apps/{app}/promotions", app)
                .then().statusCode(409).body("error", containsString("has not passed its health checks yet"));
        given().contentType(ContentType.JSON).body(Map.of("to", "production"))
                .post("/api/apps/{app}/promotions", app).then().statusCode(400).body("field", equalTo("from"));

        String commit = given().get("/api/apps/{app}/deployments", app).jsonPath().getString("[0].commitSha");
        probe.publish(Envelope.first("verify-service", commit, new HealthPassed(app, "staging", 1, List.of()),
                Clock.systemUTC()));
        io.restassured.response.Response accepted = org.awaitility.Awaitility.await().until(() -> given()
                .contentType(ContentType.JSON).body(Map.of("from", "staging", "to", "production", "reason", "go"))
                .post("/api/apps/{app}/promotions", app), r -> r.statusCode() == 202);
        String correlation = accepted.path("correlationId");

        Envelope<DeploySucceeded> live = probe.await(EventType.DEPLOY_SUCCEEDED,
                e -> e.metadata().correlationId().equals(correlation));
        assertThat(live.data().environment()).isEqualTo("production");
        assertThat(live.metadata().commitSha()).isEqualTo(commit);
    }

    private static void deploy(String app, String environment, long build) {
        String commit = Builds.commit();
        probe.publish(Builds.ofSite(app, environment, commit, build, "ops " + build));
        probe.await(EventType.DEPLOY_SUCCEEDED, (Envelope<DeploySucceeded> e) -> e.data().app().equals(app)
                && e.metadata().commitSha().equals(commit), DeployPipelineTest.FIRST_EVENT);
    }
}

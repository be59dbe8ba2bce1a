package dev.slipway.notify.messaging;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeployWaiting;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.messaging.SlackReceiver.Answer;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** FR-007 / US6: pipeline events reach every configured Slack-compatible channel, with Slack's retry rules. */
@QuarkusTest
@QuarkusTestResource(SlackReceiverResource.class)
class NotificationDeliveryTest {
    static EventProbe events;

    @InjectSlackReceiver
    SlackReceiver slack;

    @BeforeAll
    static void startProbe() {
        events = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        events.close();
    }

    @AfterEach
    void everyRequestWasOneSlackAccepts() {
        assertThat(slack.rejected()).isEmpty();
    }

    @Test
    void buildFailureIsDeliveredOnceToEveryChannel() {
        publish(buildFailed("notify-build"));

        List<Delivery> deliveries = awaitSettled("notify-build", 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts).isEqualTo(1);
        });
        List<SlackReceiver.Request> requests = slack.requestsFor("notify-build");
        assertThat(requests).extracting(SlackReceiver.Request::path).containsExactlyInAnyOrderElementsOf(slack.hookPaths());
        assertThat(requests.get(0).text()).startsWith("❌ notify-build/production: build #7 failed at coverage of web")
                .contains("commit 9049f12").contains("```\n# tests 4");

        String answer = given().queryParam("app", "notify-build").get("/api/deliveries").then().statusCode(200)
                .body("", hasSize(2))
                .body("status", everyItem(is("DELIVERED")))
                .body("eventType", everyItem(is("dev.slipway.build.failed.v1")))
                .body("channel", everyItem(is(slack.webhookUrls().get(0).replaceAll("(//[^/]+)/.*", "$1/…"))))
                .body("[0].attempts[0].httpStatus", is(200))
                .body("[0].attempts[0].response", is("ok"))
                .body("[0].text", containsString("build #7 failed"))
                .extract().asString();
        slack.hookPaths().forEach(secret -> assertThat(answer).doesNotContain(secret));
    }

    @Test
    void rateLimitedDeliveryWaitsForRetryAfter() {
        slack.script("notify-rate-limited", Answer.rateLimited(1), Answer.ok());

        publish(deploySucceeded("notify-rate-limited", 12));

        List<Delivery> deliveries = awaitSettled("notify-rate-limited", 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts).isEqualTo(2);
            List<DeliveryAttempt> attempts = attempts(d);
            assertThat(attempts).extracting(a -> a.httpStatus).containsExactly(429, 200);
            assertThat(Duration.between(attempts.get(0).attemptedAt, attempts.get(1).attemptedAt))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        for (String path : slack.hookPaths()) {
            List<SlackReceiver.Request> requests = slack.requestsFor("notify-rate-limited").stream()
                    .filter(r -> r.path().equals(path)).toList();
            assertThat(requests).hasSize(2);
            assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(slack.requestsFor("notify-rate-limited").get(0).text())
                .startsWith("✅ notify-rate-limited/production is live: version 12");
    }

    @Test
    void serverErrorIsRetriedAndDeliveredOnTheSecondAttempt() {
        slack.script("notify-flaky", Answer.documented("rollup_error"), Answer.ok());

        publish(healthFailed("notify-flaky"));

        List<Delivery> deliveries = awaitSettled("notify-flaky", 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts).isEqualTo(2);
            assertThat(attempts(d)).extracting(a -> a.httpStatus).containsExactly(500, 200);
        });
        assertThat(slack.requestsFor("notify-flaky")).hasSize(4);
        assertThat(slack.requestsFor("notify-flaky").get(0).text())
                .contains("expected status 200, got 503");
    }

    @Test
    void channelNotFoundFailsAfterOneAttempt() {
        slack.script("notify-gone", Answer.documented("channel_not_found"));

        publish(deployFailed("notify-gone"));

        List<Delivery> deliveries = awaitSettled("notify-gone", 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.attempts).isEqualTo(1);
            assertThat(d.lastError).startsWith("webhook answered HTTP 404 channel_not_found (");
        });
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> slack.requestsFor("notify-gone").size() == 2);
    }

    @Test
    void persistentServerErrorFailsAfterThreeAttempts() {
        slack.script("notify-down", Answer.documented("rollup_error"));

        publish(buildFailed("notify-down"));

        List<Delivery> deliveries = awaitSettled("notify-down", 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.attempts).isEqualTo(3);
            assertThat(d.lastError).isEqualTo("gave up after 3 attempts; last: webhook answered HTTP 500 rollup_error"
                    + " (Slack had an internal error)");
            assertThat(attempts(d)).extracting(a -> a.httpStatus).containsExactly(500, 500, 500);
        });
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> slack.requestsFor("notify-down").size() == 6);
    }

    @Test
    void redeliveredEventIsDeliveredOncePerChannel() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("notify-redelivered", 1);
        // Same app and environment, so the same partition: handled after the duplicate.
        Envelope<DeploySucceeded> next = deploySucceeded("notify-redelivered", 2);

        publish(deployed);
        publish(deployed);
        publish(next);

        List<Delivery> deliveries = awaitSettled("notify-redelivered", 4);
        assertThat(deliveries).filteredOn(d -> d.eventId.equals(deployed.metadata().id())).hasSize(2);
        assertThat(slack.requestsFor("notify-redelivered")).hasSize(4);
        given().queryParam("app", "notify-redelivered").queryParam("limit", "3").get("/api/deliveries").then()
                .statusCode(200)
                .body("", hasSize(3))
                .body("[0].eventId", is(next.metadata().id()));
    }

    @Test
    void waitingDeploymentIsAnnouncedWithWhy() {
        DeployWaiting g = GoldenFixtures.<DeployWaiting>envelope(EventType.DEPLOY_WAITING).data();
        publish(readdressed(EventType.DEPLOY_WAITING, new DeployWaiting("notify-waiting", g.environment(), g.version(),
                g.reason())));

        awaitSettled("notify-waiting", 2);
        assertThat(slack.requestsFor("notify-waiting")).hasSize(2).allSatisfy(r -> assertThat(r.text()).isEqualTo(
                "⏳ notify-waiting/production: version 13 is waiting, commit 9049f12 — production requires staging:"
                        + " commit 9049f12 has not passed staging yet. It deploys on its own once that is met, unless"
                        + " a newer release replaces it."));
    }

    @Test
    void tornDownEnvironmentIsAnnounced() {
        EnvironmentTornDown g = GoldenFixtures.<EnvironmentTornDown>envelope(EventType.ENVIRONMENT_TORN_DOWN).data();
        publish(readdressed(EventType.ENVIRONMENT_TORN_DOWN, new EnvironmentTornDown("notify-torn-down",
                g.environment(), g.reason())));

        awaitSettled("notify-torn-down", 2);
        assertThat(slack.requestsFor("notify-torn-down")).hasSize(2).allSatisfy(r -> assertThat(r.text())
                .startsWith("🧹 notify-torn-down/" + g.environment() + " was torn down — branch feature/checkout was"
                        + " deleted."));
    }

    @Test
    void badLimitIsRejectedWithTheReason() {
        given().queryParam("limit", "0").get("/api/deliveries").then().statusCode(400)
                .body("error", containsString("limit must be a whole number from 1 to 200, got '0'"));
    }

    private void publish(Envelope<?> event) {
        events.publish(event);
    }

    private static List<Delivery> awaitSettled(String app, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("app", app)),
                        list -> list.size() == count && list.stream().allMatch(d -> d.status.isTerminal()));
    }

    private static List<DeliveryAttempt> attempts(Delivery delivery) {
        return QuarkusTransaction.requiringNew().call(() ->
                DeliveryAttempt.<DeliveryAttempt>list("deliveryId = ?1 order by attempt", delivery.id));
    }

    private static Envelope<BuildFailed> buildFailed(String app) {
        BuildFailed g = GoldenFixtures.<BuildFailed>envelope(EventType.BUILD_FAILED).data();
        return readdressed(EventType.BUILD_FAILED, new BuildFailed(app, g.environment(), g.buildNumber(), g.repository(),
                g.branch(), g.component(), g.step(), g.reason(), g.logTail()));
    }

    private static Envelope<DeploySucceeded> deploySucceeded(String app, long version) {
        DeploySucceeded g = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();
        return readdressed(EventType.DEPLOY_SUCCEEDED,
                new DeploySucceeded(app, g.environment(), version, g.url(), g.took(), g.checks()));
    }

    private static Envelope<DeployFailed> deployFailed(String app) {
        DeployFailed g = GoldenFixtures.<DeployFailed>envelope(EventType.DEPLOY_FAILED).data();
        return readdressed(EventType.DEPLOY_FAILED, new DeployFailed(app, g.environment(), g.version(), g.reason()));
    }

    private static Envelope<HealthFailed> healthFailed(String app) {
        HealthFailed g = GoldenFixtures.<HealthFailed>envelope(EventType.HEALTH_FAILED).data();
        return readdressed(EventType.HEALTH_FAILED, new HealthFailed(app, g.environment(), g.version(), g.observations()));
    }

    /** The golden fixture's metadata with a fresh event id and the subject of {@code data}. */
    private static <E extends PipelineEvent> Envelope<E> readdressed(EventType type, E data) {
        EventMetadata m = GoldenFixtures.envelope(type).metadata();
        return new Envelope<>(new EventMetadata(UUID.randomUUID().toString(), m.source(), m.time(),
                Envelope.subjectOf(data), m.correlationId(), m.causationId(), m.commitSha()), data);
    }
}

package dev.slipway.verify.messaging;

import com.sun.net.httpserver.HttpHandler;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.HealthPassed;
import dev.slipway.testsupport.EventProbe;
import dev.slipway.verify.domain.RunStatus;
import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthCheckAttempt;
import dev.slipway.verify.persistence.HealthRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static dev.slipway.verify.messaging.TestSite.answer;
import static dev.slipway.verify.messaging.TestSite.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * FR-006: health checks after a deploy, against real HTTP servers, a real broker and a real database. The test
 * profile's bake window is 3 s (checked every 300 ms): a passing release passes only after it; a failing first
 * check fails at once. The window itself is proven in {@link HealthBakeWindowTest}.
 */
@QuarkusTest
class HealthCheckRunTest {
    static EventProbe events;
    static TestSite site;
    static final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);

    @Inject
    Clock clock;

    @BeforeAll
    static void start() {
        events = EventProbe.start();
        site = TestSite.start();
    }

    @AfterAll
    static void stop() {
        releaseSlowAnswers.countDown();
        site.close();
        events.close();
    }

    @Test
    void answeringChecksPassAndTheResultContinuesTheRun() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-pass", 1,
                new ComponentCheck("web", serve("/pass/web", status(200, "<!doctype html><title>Shop</title>")), 200),
                new ComponentCheck("api", serve("/pass/api", status(204)), 204));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(result.metadata().correlationId()).isEqualTo(deployed.metadata().correlationId());
        assertThat(result.metadata().causationId()).isEqualTo(deployed.metadata().id());
        assertThat(result.metadata().commitSha()).isEqualTo(deployed.metadata().commitSha());
        assertThat(result.metadata().subject()).isEqualTo("verify-pass/production");
        HealthPassed passed = (HealthPassed) result.data();
        assertThat(passed.version()).isEqualTo(1);
        assertThat(passed.observations()).extracting(CheckObservation::component, CheckObservation::status,
                        CheckObservation::attempts, CheckObservation::passed, CheckObservation::error,
                        CheckObservation::output)
                .containsExactly(tuple("web", 200, 1, true, null, "<!doctype html><title>Shop</title>"),
                        tuple("api", 204, 1, true, null, ""));
    }

    @Test
    void checkThatKeepsAnswering503FailsAfterThreeAttempts() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-down", 1,
                new ComponentCheck("web", serve("/down/web", status(200)), 200),
                new ComponentCheck("api", serve("/down/api", status(503, "{\"status\":\"degraded\"}")), 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_FAILED);
        List<CheckObservation> observations = ((HealthFailed) result.data()).observations();
        assertThat(observations.get(0).passed()).isTrue();
        assertThat(observations.get(0).attempts()).isEqualTo(1);
        CheckObservation api = observations.get(1);
        assertThat(api.passed()).isFalse();
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.attempts()).isEqualTo(3);
        assertThat(api.error()).isEqualTo("expected status 200, got 503");
        assertThat(api.output()).isEqualTo("{\"status\":\"degraded\"}");
        assertThat(api.latency()).isNotNull();

        // by policy, the release that failed is rolled back; the request is caused by the HealthFailed
        RollbackRequested rollback = (RollbackRequested) await().atMost(Duration.ofSeconds(30))
                .until(() -> events.forApp("verify-down").stream().filter(e -> e.type() == EventType.ROLLBACK_REQUESTED)
                        .filter(e -> result.metadata().id().equals(e.metadata().causationId())).findFirst(),
                        Optional::isPresent).orElseThrow().data();
        assertThat(rollback.fromVersion()).isEqualTo(1);
        assertThat(rollback.toVersion()).isNull();
        assertThat(rollback.requestedBy()).isEqualTo("verify-service");
        assertThat(rollback.reason()).isEqualTo("health checks of version 1 failed: api: expected status 200, got 503");

        given().queryParam("app", "verify-down").get("/api/health-runs").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", is("FAILED"))
                .body("[0].result", is("FAILED"))
                .body("[0].checksRun", is(1))
                .body("[0].nextCheckAt", nullValue())
                .body("[0].causationId", is(deployed.metadata().id()))
                .body("[0].checks[1].component", is("api"))
                .body("[0].checks[1].passed", is(false))
                .body("[0].checks[1].attempts", hasSize(3))
                .body("[0].checks[1].attempts.httpStatus", is(List.of(503, 503, 503)))
                .body("[0].checks[1].attempts[2].error", is("expected status 200, got 503"))
                .body("[0].checks[1].attempts[2].output", is("{\"status\":\"degraded\"}"))
                .body("[0].checks[1].output", is("{\"status\":\"degraded\"}"))
                .body("[0].checks[0].attempts", hasSize(1));
    }

    @Test
    void checkThatRecoversPassesOnTheSecondAttempt() {
        // Every first attempt of a check fails, every second passes: also inside the bake window a transient
        // failure that recovers within a check's attempts does not fail the release.
        AtomicInteger calls = new AtomicInteger();
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-flaky", 1, new ComponentCheck("web",
                serve("/flaky", exchange -> answer(exchange, calls.incrementAndGet() % 2 == 1 ? 503 : 200)), 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        CheckObservation web = ((HealthPassed) result.data()).observations().get(0);
        assertThat(web.attempts()).isEqualTo(2);
        assertThat(web.status()).isEqualTo(200);
        assertThat(web.error()).isNull();
        int checksRun = QuarkusTransaction.requiringNew().call(() ->
                HealthRun.<HealthRun>find("causeEventId", deployed.metadata().id()).firstResult().checksRun);
        assertThat(checksRun).isGreaterThan(1);
        assertThat(calls.get()).isEqualTo(2 * checksRun);
        given().queryParam("app", "verify-flaky").get("/api/health-runs").then().statusCode(200)
                .body("[0].checks[0].attempts.httpStatus", is(List.of(503, 200)));
    }

    @Test
    void checkSlowerThanTheTimeoutTimesOut() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-slow", 1, new ComponentCheck("api",
                serve("/slow", exchange -> {
                    try {
                        releaseSlowAnswers.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(exchange, 200);
                }), 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_FAILED);
        CheckObservation api = ((HealthFailed) result.data()).observations().get(0);
        assertThat(api.status()).isNull();
        assertThat(api.error()).isEqualTo("timed out after 1 s");
        assertThat(api.output()).isNull();
        assertThat(api.attempts()).isEqualTo(3);
        assertThat(api.latency()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void closedPortIsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-refused", 1,
                new ComponentCheck("api", "http://127.0.0.1:" + closedPort + "/health", 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_FAILED);
        CheckObservation api = ((HealthFailed) result.data()).observations().get(0);
        assertThat(api.status()).isNull();
        assertThat(api.error()).isEqualTo("connection refused");
        assertThat(api.attempts()).isEqualTo(3);
    }

    @Test
    void releaseWithoutChecksPassesAtOnce() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-no-checks", 1);

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(((HealthPassed) result.data()).observations()).isEmpty();
    }

    @Test
    void redeliveredDeploySucceededRunsOnce() {
        String url = serve("/redelivered", status(200));
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-redelivered", 1, new ComponentCheck("web", url, 200));
        // Same app and environment, so the same partition: handled after the duplicate.
        Envelope<DeploySucceeded> next = deploySucceeded("verify-redelivered", 2, new ComponentCheck("web", url, 200));

        events.publish(deployed);
        events.publish(deployed);
        events.publish(next);

        awaitResult(next);
        // one run for version 1, superseded by version 2 going live inside its bake window: nothing said about it
        assertThat(events.forApp("verify-redelivered").stream()
                .filter(e -> deployed.metadata().id().equals(e.metadata().causationId()))).isEmpty();
        given().queryParam("app", "verify-redelivered").get("/api/health-runs").then().statusCode(200)
                .body("version", is(List.of(2, 1)))
                .body("status", is(List.of("PASSED", "SUPERSEDED")));
    }

    @Test
    void abandonedRunIsResumedWhereItStopped() {
        Envelope<DeploySucceeded> deployed = TestEvents.deploySucceeded("verify-resumed", 4,
                new ComponentCheck("web", serve("/resumed", status(200)), 200));
        EventMetadata cause = deployed.metadata();
        OffsetDateTime longAgo = OffsetDateTime.now(clock).minusMinutes(5);
        // The run as a worker that died after one failed attempt left it (e.g. the service was killed).
        QuarkusTransaction.requiringNew().run(() -> {
            HealthRun run = new HealthRun();
            run.app = "verify-resumed";
            run.environment = "production";
            run.version = 4;
            run.causeEventId = cause.id();
            run.causeSource = cause.source().toString();
            run.causeTime = cause.time();
            run.correlationId = cause.correlationId();
            run.commitSha = cause.commitSha();
            run.status = RunStatus.CHECKING;
            run.bakeUntil = cause.time(); // went live long ago: its window is over
            run.nextCheckAt = longAgo;
            run.claimToken = "worker-that-died";
            run.createdAt = longAgo;
            run.startedAt = longAgo;
            run.heartbeatAt = longAgo;
            run.persist();
            HealthCheck check = new HealthCheck();
            check.runId = run.id;
            check.component = "web";
            check.url = deployed.data().checks().get(0).url();
            check.expectedStatus = 200;
            check.checkRound = 1;
            check.attempts = 1;
            check.httpStatus = 502;
            check.latencyMs = 3L;
            check.error = "expected status 200, got 502";
            check.persist();
            HealthCheckAttempt attempt = new HealthCheckAttempt();
            attempt.checkId = check.id;
            attempt.checkRound = 1;
            attempt.attempt = 1;
            attempt.startedAt = longAgo;
            attempt.httpStatus = 502;
            attempt.latencyMs = 3;
            attempt.error = check.error;
            attempt.persist();
        });

        Envelope<?> result = awaitResult(deployed);

        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(result.metadata().correlationId()).isEqualTo(cause.correlationId());
        CheckObservation web = ((HealthPassed) result.data()).observations().get(0);
        assertThat(web.attempts()).isEqualTo(2);
        given().queryParam("app", "verify-resumed").get("/api/health-runs").then().statusCode(200)
                .body("[0].status", is("PASSED"))
                .body("[0].checksRun", is(1))
                .body("[0].checks[0].attempts.httpStatus", is(List.of(502, 200)));
    }

    @Test
    void badLimitIsRejectedWithTheReason() {
        given().queryParam("limit", "lots").get("/api/health-runs").then().statusCode(400)
                .body("error", containsString("limit must be a whole number from 1 to 200"));
        given().queryParam("app", "verify-nobody").get("/api/health-runs").then().statusCode(200)
                .body("", hasSize(0));
    }

    private static Envelope<?> awaitResult(Envelope<DeploySucceeded> cause) {
        return TestEvents.awaitResult(events, cause);
    }

    private static Envelope<DeploySucceeded> deploySucceeded(String app, long version, ComponentCheck... checks) {
        return TestEvents.deploySucceeded(app, version, checks);
    }

    private static String serve(String path, HttpHandler handler) {
        return site.serve(path, handler);
    }
}

package dev.slipway.verify.messaging;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** FR-006: health checks after a deploy, against real HTTP servers, a real broker and a real database. */
@QuarkusTest
class HealthCheckRunTest {
    static EventProbe events;
    static HttpServer site;
    static ExecutorService siteThreads;
    static final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);

    @Inject
    Clock clock;

    @BeforeAll
    static void start() throws IOException {
        events = EventProbe.start();
        siteThreads = Executors.newCachedThreadPool();
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.setExecutor(siteThreads);
        site.start();
    }

    @AfterAll
    static void stop() {
        releaseSlowAnswers.countDown();
        site.stop(0);
        siteThreads.shutdownNow();
        events.close();
    }

    @Test
    void answeringChecksPassAndTheResultContinuesTheRun() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-pass", 1,
                new ComponentCheck("web", serve("/pass/web", status(200)), 200),
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
                        CheckObservation::attempts, CheckObservation::passed, CheckObservation::error)
                .containsExactly(tuple("web", 200, 1, true, null),
                        tuple("api", 204, 1, true, null));
    }

    @Test
    void checkThatKeepsAnswering503FailsAfterThreeAttempts() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-down", 1,
                new ComponentCheck("web", serve("/down/web", status(200)), 200),
                new ComponentCheck("api", serve("/down/api", status(503)), 200));

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
                .body("[0].status", is("DONE"))
                .body("[0].result", is("FAILED"))
                .body("[0].causationId", is(deployed.metadata().id()))
                .body("[0].checks[1].component", is("api"))
                .body("[0].checks[1].passed", is(false))
                .body("[0].checks[1].attempts", hasSize(3))
                .body("[0].checks[1].attempts.httpStatus", is(List.of(503, 503, 503)))
                .body("[0].checks[1].attempts[2].error", is("expected status 200, got 503"))
                .body("[0].checks[0].attempts", hasSize(1));
    }

    @Test
    void checkThatRecoversPassesOnTheSecondAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-flaky", 1, new ComponentCheck("web",
                serve("/flaky", exchange -> answer(exchange, calls.incrementAndGet() == 1 ? 503 : 200)), 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        CheckObservation web = ((HealthPassed) result.data()).observations().get(0);
        assertThat(web.attempts()).isEqualTo(2);
        assertThat(web.status()).isEqualTo(200);
        assertThat(web.error()).isNull();
        assertThat(calls.get()).isEqualTo(2);
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
        awaitResult(deployed);
        assertThat(events.forApp("verify-redelivered").stream()
                .filter(e -> deployed.metadata().id().equals(e.metadata().causationId()))).hasSize(1);
        given().queryParam("app", "verify-redelivered").get("/api/health-runs").then().statusCode(200)
                .body("version", is(List.of(2, 1)));
    }

    @Test
    void abandonedRunIsResumedWhereItStopped() {
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-resumed", 4,
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
            run.status = RunStatus.RUNNING;
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
            check.attempts = 1;
            check.httpStatus = 502;
            check.latencyMs = 3L;
            check.error = "expected status 200, got 502";
            check.persist();
            HealthCheckAttempt attempt = new HealthCheckAttempt();
            attempt.checkId = check.id;
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
                .body("[0].status", is("DONE"))
                .body("[0].checks[0].attempts.httpStatus", is(List.of(502, 200)));
    }

    @Test
    void badLimitIsRejectedWithTheReason() {
        given().queryParam("limit", "lots").get("/api/health-runs").then().statusCode(400)
                .body("error", containsString("limit must be a whole number from 1 to 200"));
        given().queryParam("app", "verify-nobody").get("/api/health-runs").then().statusCode(200)
                .body("", hasSize(0));
    }

    private Envelope<?> awaitResult(Envelope<DeploySucceeded> cause) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> events.forApp(cause.data().app()).stream()
                        .filter(e -> e.type() == EventType.HEALTH_PASSED || e.type() == EventType.HEALTH_FAILED)
                        .filter(e -> cause.metadata().id().equals(e.metadata().causationId()))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The golden DeploySucceeded, re-addressed to {@code app} with its own event and correlation ids. */
    private static Envelope<DeploySucceeded> deploySucceeded(String app, long version, ComponentCheck... checks) {
        Envelope<DeploySucceeded> fixture = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED);
        DeploySucceeded golden = fixture.data();
        DeploySucceeded data = new DeploySucceeded(app, golden.environment(), version, golden.url(), golden.took(),
                List.of(checks));
        EventMetadata m = fixture.metadata();
        return new Envelope<>(new EventMetadata(UUID.randomUUID().toString(), m.source(), m.time(),
                Envelope.subjectOf(data), UUID.randomUUID().toString(), m.causationId(), m.commitSha()), data);
    }

    private static String serve(String path, HttpHandler handler) {
        site.createContext(path, handler);
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private static HttpHandler status(int status) {
        return exchange -> answer(exchange, status);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}

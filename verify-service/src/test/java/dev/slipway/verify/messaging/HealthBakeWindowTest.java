package dev.slipway.verify.messaging;

import dev.slipway.events.CheckObservation;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.HealthPassed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.testsupport.EventProbe;
import dev.slipway.verify.config.VerifyConfig;
import dev.slipway.verify.domain.RunStatus;
import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.slipway.verify.messaging.TestEvents.awaitResult;
import static dev.slipway.verify.messaging.TestEvents.awaitRun;
import static dev.slipway.verify.messaging.TestEvents.deploySucceeded;
import static dev.slipway.verify.messaging.TestEvents.environmentTornDown;
import static dev.slipway.verify.messaging.TestEvents.results;
import static dev.slipway.verify.messaging.TestEvents.rollbackStarted;
import static dev.slipway.verify.messaging.TestEvents.rollbacksRequested;
import static dev.slipway.verify.messaging.TestSite.answer;
import static dev.slipway.verify.messaging.TestSite.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * FR-006 and the automated rollback on a health-check failure (US5, SC-007): after its first check passed, a release
 * is checked again every bake interval until the bake window after it went live has passed (test profile: every
 * 300 ms for 3 s), against real HTTP servers, a real broker and a real database.
 */
@QuarkusTest
class HealthBakeWindowTest {
    private static final String PAGE = "<!doctype html><title>Shop</title>";
    private static final String DEGRADED = "{\"status\":\"degraded\",\"db\":\"connection refused\"}";

    static EventProbe events;
    static TestSite site;

    @Inject
    VerifyConfig config;

    @Inject
    Clock clock;

    @BeforeAll
    static void start() {
        events = EventProbe.start();
        site = TestSite.start();
    }

    @AfterAll
    static void stop() {
        site.close();
        events.close();
    }

    @Test
    void healthyReleaseIsCheckedThroughTheWindowAndPassesOnceAfterIt() {
        AtomicInteger calls = new AtomicInteger();
        Envelope<DeploySucceeded> deployed = deploySucceeded("bake-healthy", 3, new ComponentCheck("web",
                site.serve("/healthy", exchange -> {
                    calls.incrementAndGet();
                    answer(exchange, 200, PAGE);
                }), 200));
        OffsetDateTime bakeUntil = deployed.metadata().time().plus(config.bakeWindow());

        events.publish(deployed);

        // baking: checked again, and nothing said yet
        HealthRun baking = awaitRun(deployed, r -> r.status == RunStatus.BAKING && r.checksRun >= 2);
        assertThat(results(events, "bake-healthy", deployed.metadata().id())).isEmpty();
        assertThat(baking.bakeUntil.toInstant()).isEqualTo(bakeUntil.toInstant());
        assertThat(baking.nextCheckAt.toInstant()).isAfter(baking.startedAt.toInstant())
                .isBeforeOrEqualTo(bakeUntil.toInstant());

        Envelope<?> result = awaitResult(events, deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(result.metadata().time().toInstant()).isAfterOrEqualTo(bakeUntil.toInstant());
        assertThat(result.metadata().causationId()).isEqualTo(deployed.metadata().id());
        assertThat(((HealthPassed) result.data()).observations())
                .extracting(CheckObservation::component, CheckObservation::status, CheckObservation::attempts,
                        CheckObservation::passed, CheckObservation::output)
                .containsExactly(tuple("web", 200, 1, true, PAGE));
        // 3 s every 300 ms: about ten checks, each a real GET
        int checksRun = QuarkusTransaction.requiringNew().call(() ->
                HealthRun.<HealthRun>find("causeEventId", deployed.metadata().id()).firstResult().checksRun);
        assertThat(checksRun).isGreaterThanOrEqualTo(4).isEqualTo(calls.get());
        given().queryParam("app", "bake-healthy").get("/api/health-runs").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", is("PASSED"))
                .body("[0].result", is("PASSED"))
                .body("[0].checksRun", is(checksRun))
                .body("[0].bakeUntil", notNullValue())
                .body("[0].nextCheckAt", nullValue())
                .body("[0].checks[0].round", is(checksRun))
                .body("[0].checks[0].output", is(PAGE))
                .body("[0].checks[0].attempts", hasSize(1));
        // exactly one result, and no rollback
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> results(events, "bake-healthy", deployed.metadata().id()).size() == 1);
        assertThat(rollbacksRequested(events, "bake-healthy")).isEmpty();
    }

    @Test
    void releaseTurningUnhealthyInsideTheWindowFailsAtOnceAndIsRolledBack() {
        AtomicInteger apiCalls = new AtomicInteger();
        Envelope<DeploySucceeded> deployed = deploySucceeded("bake-turns-unhealthy", 7,
                new ComponentCheck("web", site.serve("/steady", status(200, PAGE)), 200),
                new ComponentCheck("api", site.serve("/turns", exchange -> {
                    if (apiCalls.incrementAndGet() <= 2) {
                        answer(exchange, 200, "{\"status\":\"ok\"}");
                    } else {
                        answer(exchange, 503, DEGRADED);
                    }
                }), 200));
        OffsetDateTime bakeUntil = deployed.metadata().time().plus(config.bakeWindow());

        events.publish(deployed);

        Envelope<?> result = awaitResult(events, deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_FAILED);
        assertThat(result.metadata().time().toInstant()).isBefore(bakeUntil.toInstant());
        List<CheckObservation> observations = ((HealthFailed) result.data()).observations();
        assertThat(observations).extracting(CheckObservation::component, CheckObservation::passed,
                        CheckObservation::status, CheckObservation::attempts, CheckObservation::error,
                        CheckObservation::output)
                .containsExactly(tuple("web", true, 200, 1, null, PAGE),
                        tuple("api", false, 503, 3, "expected status 200, got 503", DEGRADED));

        // by policy, exactly the release that failed is rolled back, inside its window
        Envelope<?> rollback = events.await(EventType.ROLLBACK_REQUESTED,
                e -> result.metadata().id().equals(e.metadata().causationId()));
        RollbackRequested requested = (RollbackRequested) rollback.data();
        assertThat(requested.fromVersion()).isEqualTo(7);
        assertThat(requested.reason()).isEqualTo("health checks of version 7 failed: api: expected status 200, got 503");
        assertThat(rollback.metadata().time().toInstant()).isBefore(bakeUntil.toInstant());

        given().queryParam("app", "bake-turns-unhealthy").get("/api/health-runs").then().statusCode(200)
                .body("[0].status", is("FAILED"))
                .body("[0].result", is("FAILED"))
                .body("[0].checksRun", is(3))
                .body("[0].nextCheckAt", nullValue())
                .body("[0].checks[1].round", is(3))
                .body("[0].checks[1].output", is(DEGRADED))
                .body("[0].checks[1].attempts.httpStatus", is(List.of(503, 503, 503)))
                .body("[0].checks[1].attempts[0].output", is(DEGRADED));
        assertThat(apiCalls.get()).isEqualTo(5);
    }

    @Test
    void newerReleaseGoingLiveSupersedesTheBakingRunWhichSaysNothing() {
        AtomicBoolean firstBroken = new AtomicBoolean();
        Envelope<DeploySucceeded> first = deploySucceeded("bake-superseded", 1, new ComponentCheck("web",
                site.serve("/superseded/v1", exchange -> answer(exchange, firstBroken.get() ? 503 : 200)), 200));
        Envelope<DeploySucceeded> second = deploySucceeded("bake-superseded", 2,
                new ComponentCheck("web", site.serve("/superseded/v2", status(200)), 200));

        events.publish(first);
        awaitRun(first, r -> r.status == RunStatus.BAKING);
        events.publish(second);

        HealthRun superseded = awaitRun(first, r -> r.status == RunStatus.SUPERSEDED);
        assertThat(superseded.result).isNull();
        assertThat(superseded.finishedAt).isNotNull();
        assertThat(superseded.nextCheckAt).isNull();
        // a run still checking version 1 would now fail it and ask for a rollback
        firstBroken.set(true);

        Envelope<?> result = awaitResult(events, second);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        // version 1's window ended before version 2's, and its events would have come first (same key)
        assertThat(results(events, "bake-superseded", first.metadata().id())).isEmpty();
        assertThat(rollbacksRequested(events, "bake-superseded")).isEmpty();
        given().queryParam("app", "bake-superseded").get("/api/health-runs").then().statusCode(200)
                .body("version", is(List.of(2, 1)))
                .body("status", is(List.of("PASSED", "SUPERSEDED")))
                .body("[1].checksRun", greaterThanOrEqualTo(1));
    }

    @Test
    void rollbackStartingSupersedesTheBakingRun() {
        AtomicBoolean broken = new AtomicBoolean();
        Envelope<DeploySucceeded> deployed = deploySucceeded("bake-rolled-back", 5, new ComponentCheck("web",
                site.serve("/rolled-back", exchange -> answer(exchange, broken.get() ? 503 : 200)), 200));

        events.publish(deployed);
        awaitRun(deployed, r -> r.status == RunStatus.BAKING);
        events.publish(rollbackStarted("bake-rolled-back", 5, 4));

        awaitRun(deployed, r -> r.status == RunStatus.SUPERSEDED);
        broken.set(true);

        // a run still checking would fail within about a second; nothing comes, also after its window
        await().during(config.bakeWindow().plusSeconds(1)).atMost(config.bakeWindow().plusSeconds(10))
                .until(() -> results(events, "bake-rolled-back", deployed.metadata().id()).isEmpty()
                        && rollbacksRequested(events, "bake-rolled-back").isEmpty());
        given().queryParam("app", "bake-rolled-back").get("/api/health-runs").then().statusCode(200)
                .body("[0].status", is("SUPERSEDED"))
                .body("[0].result", nullValue());
    }

    @Test
    void tearingTheEnvironmentDownSupersedesItsBakingRun() {
        Envelope<EnvironmentTornDown> tornDown = environmentTornDown("bake-torn-down");
        Envelope<DeploySucceeded> deployed = deploySucceeded("bake-torn-down", tornDown.data().environment(), 2,
                new ComponentCheck("web", site.serve("/torn-down", status(200)), 200));

        events.publish(deployed);
        awaitRun(deployed, r -> r.status == RunStatus.BAKING);
        events.publish(tornDown);

        HealthRun superseded = awaitRun(deployed, r -> r.status == RunStatus.SUPERSEDED);
        assertThat(superseded.result).isNull();
        assertThat(results(events, "bake-torn-down", deployed.metadata().id())).isEmpty();
    }

    @Test
    void bakingRunLeftByARestartIsCheckedWhenDueAndFinishesItsWindow() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String causeId = UUID.randomUUID().toString();
        String url = site.serve("/restarted", status(200, PAGE));
        // As a verify-service that stopped mid-bake left it: two checks passed, the next one overdue, no claim.
        OffsetDateTime bakeUntil = QuarkusTransaction.requiringNew().call(() -> {
            HealthRun run = run("bake-restarted", causeId, RunStatus.BAKING, now.minusMinutes(1));
            run.causeTime = now.minusSeconds(2);
            run.createdAt = run.causeTime;
            run.startedAt = run.causeTime;
            run.heartbeatAt = now.minusMinutes(1);
            run.bakeUntil = now.plusSeconds(1);
            run.checksRun = 2;
            run.persist();
            HealthCheck check = new HealthCheck();
            check.runId = run.id;
            check.component = "web";
            check.url = url;
            check.expectedStatus = 200;
            check.checkRound = 2;
            check.attempts = 1;
            check.httpStatus = 200;
            check.latencyMs = 2L;
            check.passed = true;
            check.persist();
            return run.bakeUntil;
        });

        Envelope<?> result = awaitResult(events, "bake-restarted", causeId);

        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(result.metadata().time().toInstant()).isAfterOrEqualTo(bakeUntil.toInstant());
        assertThat(((HealthPassed) result.data()).observations().get(0).output()).isEqualTo(PAGE);
        given().queryParam("app", "bake-restarted").get("/api/health-runs").then().statusCode(200)
                .body("[0].status", is("PASSED"))
                .body("[0].checksRun", greaterThanOrEqualTo(3));
    }

    @Test
    void dueRunsAreUnfinishedUnclaimedOrAbandonedAndLongestDueFirst() {
        OffsetDateTime now = OffsetDateTime.parse("2000-01-10T00:00:00Z");
        OffsetDateTime staleBefore = now.minusDays(1);
        // Rows of a far past, never committed: the service's own workers never see them.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            run("due-query", null, RunStatus.FAILED, now.minusDays(9)).persist();
            run("due-query", null, RunStatus.SUPERSEDED, now.minusDays(9)).persist();
            HealthRun beingChecked = run("due-query", null, RunStatus.BAKING, now.minusDays(8));
            beingChecked.claimToken = "alive";
            beingChecked.heartbeatAt = staleBefore.plusHours(1);
            beingChecked.persist();
            HealthRun notDueYet = run("due-query", null, RunStatus.CHECKING, now.plusSeconds(1));
            notDueYet.persist();
            HealthRun due = run("due-query", null, RunStatus.BAKING, now.minusDays(5));
            due.persist();
            HealthRun abandoned = run("due-query", null, RunStatus.CHECKING, now.minusDays(7));
            abandoned.claimToken = "died";
            abandoned.heartbeatAt = staleBefore.minusHours(1);
            abandoned.persist();

            assertThat(HealthRun.lockNextDue(now, staleBefore)).contains(abandoned);
            abandoned.heartbeatAt = now;
            assertThat(HealthRun.lockNextDue(now, staleBefore)).contains(due);
            due.claimToken = "taken";
            due.heartbeatAt = now;
            assertThat(HealthRun.lockNextDue(now, staleBefore)).isEmpty();
            assertThat(HealthRun.lockUnfinished("due-query", "production"))
                    .containsExactly(beingChecked, notDueYet, due, abandoned);
            throw new RolledBack();
        })).isInstanceOf(RolledBack.class);
    }

    /** Thrown to roll a test's transaction back. */
    private static final class RolledBack extends RuntimeException {
    }

    private static HealthRun run(String app, String causeId, RunStatus status, OffsetDateTime nextCheckAt) {
        HealthRun run = new HealthRun();
        run.app = app;
        run.environment = "production";
        run.version = 1;
        run.causeEventId = causeId == null ? UUID.randomUUID().toString() : causeId;
        run.causeSource = "/slipway/deploy-service";
        run.causeTime = nextCheckAt;
        run.correlationId = UUID.randomUUID().toString();
        run.commitSha = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
        run.status = status;
        run.createdAt = nextCheckAt;
        run.bakeUntil = nextCheckAt;
        run.nextCheckAt = nextCheckAt;
        return run;
    }
}

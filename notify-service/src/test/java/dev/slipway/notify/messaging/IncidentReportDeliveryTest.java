package dev.slipway.notify.messaging;

import dev.slipway.events.DeployWaiting;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.notify.IncidentStory;
import dev.slipway.notify.domain.IncidentStatus;
import dev.slipway.notify.domain.IncidentText;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.Incident;
import dev.slipway.notify.persistence.PipelineEventRecord;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * US5 acceptance 4 ("Given rollback initiated, When team is notified, Then incident report is created"), FR-008
 * (manual rollback), FR-006 (the failed health check behind an automatic one), FR-007 (sent to the configured
 * channels): every rollback outcome opens one incident, whose report is built from the recorded events of all
 * topics once they have settled, stored, answered by the API and sent once to every channel.
 */
@QuarkusTest
@QuarkusTestResource(SlackReceiverResource.class)
class IncidentReportDeliveryTest {
    private static final String HEADER = ":rotating_light: Incident #";
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
    void automaticRollbackIsReportedOnceWithTimelineFailingCheckVersionsAndDurations() {
        String app = "incident-auto";
        IncidentStory story = IncidentStory.automatic(app);

        // The rollback's outcome arrives first: the failed health check (verify topic) and the rollback request
        // (ops topic) are late, as they may be when topics are consumed independently.
        publish(story.previousLive, story.push, story.build, story.requested, story.started, story.live,
                story.rollbackStarted, story.rolledBack);
        Incident opened = await().atMost(Duration.ofSeconds(30)).until(() -> incident(app), Optional::isPresent).get();
        assertThat(opened.status).isEqualTo(IncidentStatus.REPORT_PENDING);
        assertThat(opened.reportDueAt).isEqualTo(opened.openedAt.plus(Duration.ofMillis(500)));
        // past the settle delay, the report waits for the request and the failed health check it answers
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> incident(app).orElseThrow().status == IncidentStatus.REPORT_PENDING);
        publish(story.unhealthy, story.rollbackRequested);

        Incident incident = awaitReported(app);
        assertThat(incidents(app)).hasSize(1);
        assertThat(incident.restored).isTrue();
        assertThat(incident.fromVersion).isEqualTo(12);
        assertThat(incident.toVersion).isEqualTo(11);
        assertThat(incident.trigger).isEqualTo("automatic (health check failed)");
        assertThat(incident.reason).isEqualTo("health checks of version 12 failed: web: expected status 200, got 503");
        assertThat(incident.rollbackEventId).isEqualTo(story.rolledBack.metadata().id());

        List<SlackReceiver.Request> messages = awaitIncidentMessages(app, incident);
        assertThat(messages).extracting(SlackReceiver.Request::path).containsExactlyInAnyOrderElementsOf(slack.hookPaths());
        String text = messages.get(0).text();
        assertThat(text).isEqualTo(incident.reportText).hasSizeLessThanOrEqualTo(IncidentText.MAX_LENGTH);
        assertThat(text).startsWith(HEADER + incident.id + " incident-auto/production: rolled back v12 → v11"
                        + " (automatic: health check failed)\n")
                .contains("\n*Versions:* v12 (commit 9049f12) → v11 (commit 7d1e2f3)\n")
                .contains("\n*Durations:* lead time 5 min (push → live) · live 1 min before failing · restored in"
                        + " 540 ms · switch 40 ms\n")
                .contains("\n• web http://127.0.0.1:8088/incident-auto/production/: expected status 200, got 503"
                        + " — 8 ms, 3 attempts\n```\n{\"status\":\"degraded\",\"db\":\"connection refused\"}\n")
                .doesNotContain(IncidentStory.LONG_OUTPUT_END);
        assertThat(text.lines().filter(l -> l.startsWith("• 10:") || l.startsWith("• 09:")).map(l -> l.split(" ")[2]))
                .containsExactly("ingest.push-received", "build.succeeded", "deploy.requested", "deploy.started",
                        "deploy.succeeded", "verify.health-failed", "ops.rollback-requested", "deploy.rollback-started",
                        "deploy.rollback-completed");

        given().queryParam("app", app).get("/api/incidents").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", is(incident.id.intValue()))
                .body("[0].status", is("REPORTED"))
                .body("[0].restored", is(true))
                .body("[0].fromVersion", is(12))
                .body("[0].toVersion", is(11))
                .body("[0].trigger", is("automatic (health check failed)"));
        given().queryParam("app", app).queryParam("environment", "staging").get("/api/incidents").then()
                .statusCode(200).body("", hasSize(0));
        given().get("/api/incidents/" + incident.id).then().statusCode(200)
                .body("text", is(text))
                .body("report.headline", is("rolled back v12 → v11"))
                .body("report.from.version", is(12))
                .body("report.from.commitSha", is(story.live.metadata().commitSha()))
                .body("report.to.commitSha", is(IncidentStory.PREVIOUS_COMMIT))
                .body("report.durations.releaseLeadTime", is("PT5M"))
                .body("report.durations.liveBeforeFailure", is("PT1M"))
                .body("report.durations.timeToRestore", is("PT0.54S"))
                .body("report.durations.rollbackSwitch", is("PT0.04S"))
                .body("report.failingChecks.checks[0].status", is(503))
                .body("report.failingChecks.checks[0].output", endsWith(IncidentStory.LONG_OUTPUT_END))
                .body("report.timeline.type", contains("dev.slipway.ingest.push-received.v1",
                        "dev.slipway.build.succeeded.v1", "dev.slipway.deploy.requested.v1",
                        "dev.slipway.deploy.started.v1", "dev.slipway.deploy.succeeded.v1",
                        "dev.slipway.verify.health-failed.v1", "dev.slipway.ops.rollback-requested.v1",
                        "dev.slipway.deploy.rollback-started.v1", "dev.slipway.deploy.rollback-completed.v1"))
                .body("report.timeline[5].source", is("verify-service"))
                .body("report.notes", hasSize(0));
        given().queryParam("app", app).get("/api/deliveries").then().statusCode(200)
                .body("findAll { it.incidentId == " + incident.id + " }", hasSize(2));
    }

    @Test
    void manualRollbackIsReportedAsOneWithoutAFailingHealthCheck() {
        String app = "incident-manual";
        IncidentStory story = IncidentStory.manual(app);

        story.all().forEach(this::publish);

        Incident incident = awaitReported(app);
        assertThat(incident.trigger).isEqualTo("by alice");
        assertThat(incident.reason).isEqualTo("checkout returns 500 since v12");
        assertThat(incident.fromVersion).isEqualTo(12);
        assertThat(incident.toVersion).isEqualTo(11);
        String text = awaitIncidentMessages(app, incident).get(0).text();
        assertThat(text).startsWith(HEADER + incident.id + " incident-manual/production: rolled back v12 → v11 (by alice)\n")
                .contains("\n_Note:_ no failing health check: rolled back by alice: checkout returns 500 since v12\n")
                .doesNotContain("*Failing check");
        given().get("/api/incidents/" + incident.id).then().statusCode(200)
                .body("report.failingChecks", nullValue())
                .body("report.durations.liveBeforeFailure", nullValue())
                .body("report.durations.timeToRestore", is("PT0.54S"))
                .body("report.notes", contains("no failing health check: rolled back by alice: checkout returns 500 since v12"))
                .body("report.timeline.source", contains("ingest-service", "build-service", "deploy-service",
                        "deploy-service", "deploy-service", "cli", "deploy-service", "deploy-service"));
    }

    @Test
    void failedRollbackIsAnIncidentToo() {
        String app = "incident-failed";
        IncidentStory story = IncidentStory.failed(app);

        story.all().forEach(this::publish);

        Incident incident = awaitReported(app);
        String reason = "version 9 of incident-failed/production never went live, so there is nothing of it to restore";
        assertThat(incident.restored).isFalse();
        assertThat(incident.toVersion).isNull();
        assertThat(incident.fromVersion).isEqualTo(12);
        assertThat(incident.failure).isEqualTo(reason);
        assertThat(incident.trigger).isEqualTo("by alice");
        String text = awaitIncidentMessages(app, incident).get(0).text();
        assertThat(text).startsWith(HEADER + incident.id + " incident-failed/production: rollback of v12 to v9 failed,"
                        + " v12 is still live (by alice)\n")
                .contains("\n*Not restored:* " + reason + " — the environment keeps serving v12\n");
        given().queryParam("app", app).get("/api/incidents").then().statusCode(200)
                .body("[0].restored", is(false))
                .body("[0].toVersion", nullValue())
                .body("[0].failure", is(reason));
        given().get("/api/incidents/" + incident.id).then().statusCode(200)
                .body("report.to", nullValue())
                .body("report.attemptedVersion", is(9))
                .body("report.failure", is(reason));
    }

    @Test
    void redeliveredRollbackOutcomeOpensOneIncidentAndSendsOneMessage() {
        String app = "incident-redelivered";
        IncidentStory story = IncidentStory.manual(app);
        DeployWaiting w = GoldenFixtures.<DeployWaiting>envelope(EventType.DEPLOY_WAITING).data();
        // same app and environment, so the same partition as the rollback's outcome: handled after the duplicate
        Envelope<DeployWaiting> after = Envelope.answering(story.rolledBack.metadata(), "deploy-service",
                new DeployWaiting(app, IncidentStory.ENVIRONMENT, 13, w.reason()), Clock.systemUTC());

        story.all().forEach(this::publish);
        publish(story.rolledBack, after);

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                PipelineEventRecord.byEventId(after.metadata().id()).isPresent()));
        assertThat(incidents(app)).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                PipelineEventRecord.count("eventId", story.rolledBack.metadata().id()))).isEqualTo(1);
        Incident incident = awaitReported(app);
        awaitIncidentMessages(app, incident);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> incidentMessages(app).size() == 2 && incidents(app).size() == 1);
    }

    @Test
    void reportMissingItsEvidenceIsSentAfterTheLongestWaitSayingWhatIsMissing() {
        String app = "incident-orphan";
        IncidentStory story = IncidentStory.automatic(app);

        // the rollback request and the failed health check never arrive
        publish(story.push, story.build, story.requested, story.started, story.live, story.rollbackStarted,
                story.rolledBack);

        Incident incident = awaitReported(app);
        assertThat(Duration.between(incident.openedAt, incident.reportedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(incident.trigger).isEqualTo("unknown (no rollback request was received)");
        String text = awaitIncidentMessages(app, incident).get(0).text();
        assertThat(text).startsWith(HEADER + incident.id + " incident-orphan/production: rolled back v12 → v11 (unknown"
                        + " (no rollback request was received))\n")
                .contains("\n_Note:_ event " + story.rollbackRequested.metadata().id() + ", which this rollback answers,"
                        + " had not arrived after 8 s; this report is built without it\n");
    }

    @Test
    void unknownIncidentIsNotFoundAndBadInputIsNamed() {
        given().get("/api/incidents/987654321").then().statusCode(404)
                .body("error", is("no incident 987654321"));
        given().get("/api/incidents/last").then().statusCode(400)
                .body("error", is("an incident id is a whole number, got 'last'"));
        given().queryParam("limit", "201").get("/api/incidents").then().statusCode(400)
                .body("error", startsWith("limit must be a whole number from 1 to 200"));
    }

    private void publish(Envelope<?>... envelopes) {
        for (Envelope<?> e : envelopes) {
            events.publish(e);
        }
    }

    private static Optional<Incident> incident(String app) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>find("app", app).firstResultOptional());
    }

    private static List<Incident> incidents(String app) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>list("app", app));
    }

    private static Incident awaitReported(String app) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> incident(app), i -> i.isPresent() && i.get().status == IncidentStatus.REPORTED).get();
    }

    /** Waits until the incident's message was delivered to both channels; returns what they received. */
    private List<SlackReceiver.Request> awaitIncidentMessages(String app, Incident incident) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("incidentId", incident.id)),
                list -> list.size() == 2 && list.stream().allMatch(d -> d.status.isTerminal()));
        List<SlackReceiver.Request> messages = incidentMessages(app);
        assertThat(messages).hasSize(2);
        return messages;
    }

    private List<SlackReceiver.Request> incidentMessages(String app) {
        return slack.requestsFor(app).stream().filter(r -> r.text().startsWith(HEADER)).toList();
    }
}

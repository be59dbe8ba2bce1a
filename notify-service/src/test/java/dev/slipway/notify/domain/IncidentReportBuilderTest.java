package dev.slipway.notify.domain;

import dev.slipway.events.Envelope;
import dev.slipway.notify.IncidentStory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** US5 (acceptance 4: a rollback creates an incident report), FR-008, FR-006: what the report says. */
class IncidentReportBuilderTest {

    @Test
    void automaticRollbackReportsTheRunsTimelineTheFailingCheckVersionsAndDurations() {
        IncidentStory story = IncidentStory.automatic("shop");
        InMemoryHistory history = new InMemoryHistory(story.all());
        RecordedEvent rollback = history.get(story.rolledBack);

        IncidentReportBuilder.Evidence evidence = IncidentReportBuilder.evidence(rollback, history);
        IncidentReport report = IncidentReportBuilder.build(3, rollback, evidence, history, Duration.ofMillis(500));

        assertThat(evidence.complete()).isTrue();
        assertThat(evidence.request().eventId()).isEqualTo(story.rollbackRequested.metadata().id());
        assertThat(evidence.requestCause().eventId()).isEqualTo(story.unhealthy.metadata().id());
        assertThat(report.headline()).isEqualTo("rolled back v12 → v11");
        assertThat(report.restored()).isTrue();
        assertThat(report.automatic()).isTrue();
        assertThat(report.trigger()).isEqualTo("automatic (health check failed)");
        assertThat(report.reason()).isEqualTo("health checks of version 12 failed: web: expected status 200, got 503");
        assertThat(report.from()).isEqualTo(new IncidentReport.Release(12, story.live.metadata().commitSha(),
                story.live.metadata().time(), story.push.metadata().correlationId()));
        assertThat(report.to().version()).isEqualTo(11);
        assertThat(report.to().commitSha()).isEqualTo(IncidentStory.PREVIOUS_COMMIT);
        assertThat(report.durations()).isEqualTo(new IncidentReport.Durations(Duration.ofMinutes(5), "PushReceived",
                Duration.ofMinutes(1), Duration.ofMillis(540), Duration.ofMillis(40)));
        assertThat(report.failingChecks().eventId()).isEqualTo(story.unhealthy.metadata().id());
        assertThat(report.failingChecks().checks()).singleElement().satisfies(c -> {
            assertThat(c.component()).isEqualTo("web");
            assertThat(c.status()).isEqualTo(503);
            assertThat(c.attempts()).isEqualTo(3);
            assertThat(c.output()).startsWith("{\"status\":\"degraded\"").endsWith(IncidentStory.LONG_OUTPUT_END);
        });
        // v11's own run is not part of this incident
        assertThat(report.timeline()).extracting(IncidentReport.TimelineEntry::type).containsExactly(
                "dev.slipway.ingest.push-received.v1", "dev.slipway.build.succeeded.v1",
                "dev.slipway.deploy.requested.v1", "dev.slipway.deploy.started.v1", "dev.slipway.deploy.succeeded.v1",
                "dev.slipway.verify.health-failed.v1", "dev.slipway.ops.rollback-requested.v1",
                "dev.slipway.deploy.rollback-started.v1", "dev.slipway.deploy.rollback-completed.v1");
        assertThat(report.timeline().get(5).source()).isEqualTo("verify-service");
        assertThat(report.timeline().get(5).summary()).isEqualTo("version 12 unhealthy: web: expected status 200, got 503");
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void timelineIsOrderedByTimeWhateverOrderTheEventsArrivedIn() {
        IncidentStory story = IncidentStory.automatic("shop");
        List<Envelope<?>> arrival = new ArrayList<>(story.all());
        java.util.Collections.reverse(arrival);
        InMemoryHistory history = new InMemoryHistory(arrival);
        RecordedEvent rollback = history.get(story.rolledBack);

        IncidentReport report = IncidentReportBuilder.build(1, rollback,
                IncidentReportBuilder.evidence(rollback, history), history, Duration.ZERO);

        assertThat(report.timeline()).extracting(IncidentReport.TimelineEntry::time).isSorted();
        assertThat(report.timeline()).hasSize(9);
    }

    @Test
    void evidenceIsIncompleteUntilTheRequestAndTheHealthFailureItAnswersArrive() {
        IncidentStory story = IncidentStory.automatic("shop");
        InMemoryHistory history = new InMemoryHistory(List.of(story.push, story.build, story.requested, story.started,
                story.live, story.rollbackStarted));
        RecordedEvent rollback = history.add(story.rolledBack);

        assertThat(IncidentReportBuilder.evidence(rollback, history).missingEventId())
                .isEqualTo(story.rollbackRequested.metadata().id());
        history.add(story.rollbackRequested);
        assertThat(IncidentReportBuilder.evidence(rollback, history).missingEventId())
                .isEqualTo(story.unhealthy.metadata().id());
        history.add(story.unhealthy);
        assertThat(IncidentReportBuilder.evidence(rollback, history).complete()).isTrue();
    }

    @Test
    void reportBuiltWithoutTheEvidenceSaysWhatIsMissing() {
        IncidentStory story = IncidentStory.automatic("shop");
        InMemoryHistory history = new InMemoryHistory(List.of(story.push, story.build, story.requested, story.started,
                story.live, story.rollbackStarted));
        RecordedEvent rollback = history.add(story.rolledBack);

        IncidentReport report = IncidentReportBuilder.build(2, rollback, IncidentReportBuilder.evidence(rollback, history),
                history, Duration.ofSeconds(20));

        assertThat(report.trigger()).isEqualTo("unknown (no rollback request was received)");
        assertThat(report.failingChecks()).isNull();
        assertThat(report.notes()).containsExactly(
                "event " + story.rollbackRequested.metadata().id() + ", which this rollback answers, had not arrived"
                        + " after 20 s; this report is built without it",
                "no failing health check");
        assertThat(report.durations().timeToRestore()).isNull();
        assertThat(report.durations().rollbackSwitch()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void manualRollbackSaysThereWasNoFailingHealthCheckAndWhoAskedWhy() {
        IncidentStory story = IncidentStory.manual("shop");
        InMemoryHistory history = new InMemoryHistory(story.all());
        RecordedEvent rollback = history.get(story.rolledBack);

        IncidentReport report = IncidentReportBuilder.build(4, rollback,
                IncidentReportBuilder.evidence(rollback, history), history, Duration.ZERO);

        assertThat(report.trigger()).isEqualTo("by alice");
        assertThat(report.automatic()).isFalse();
        assertThat(report.failingChecks()).isNull();
        assertThat(report.notes()).containsExactly("no failing health check: rolled back by alice: checkout returns 500 since v12");
        assertThat(report.durations()).isEqualTo(new IncidentReport.Durations(Duration.ofMinutes(5), "PushReceived",
                null, Duration.ofMillis(540), Duration.ofMillis(40)));
        // the release's run, then the rollback's own
        assertThat(report.timeline()).extracting(IncidentReport.TimelineEntry::type).containsExactly(
                "dev.slipway.ingest.push-received.v1", "dev.slipway.build.succeeded.v1",
                "dev.slipway.deploy.requested.v1", "dev.slipway.deploy.started.v1", "dev.slipway.deploy.succeeded.v1",
                "dev.slipway.ops.rollback-requested.v1", "dev.slipway.deploy.rollback-started.v1",
                "dev.slipway.deploy.rollback-completed.v1");
    }

    @Test
    void failedRollbackIsAnIncidentWithoutARestoredVersion() {
        IncidentStory story = IncidentStory.failed("shop");
        InMemoryHistory history = new InMemoryHistory(story.all());
        RecordedEvent rollback = history.get(story.rollbackFailed);

        IncidentReport report = IncidentReportBuilder.build(5, rollback,
                IncidentReportBuilder.evidence(rollback, history), history, Duration.ZERO);

        assertThat(report.restored()).isFalse();
        assertThat(report.headline()).isEqualTo("rollback of v12 to v9 failed, v12 is still live");
        assertThat(report.from().version()).isEqualTo(12);
        assertThat(report.to()).isNull();
        assertThat(report.attemptedVersion()).isEqualTo(9);
        assertThat(report.failure()).isEqualTo("version 9 of shop/production never went live, so there is nothing of it"
                + " to restore");
        assertThat(report.durations().timeToRestore()).isNull();
        assertThat(report.notes()).containsExactly("no failing health check: rollback asked by alice: checkout returns"
                + " 500 since v12");
    }

    @Test
    void failedRollbackWithNothingRecordedSaysSo() {
        IncidentStory story = IncidentStory.failed("shop");
        InMemoryHistory history = new InMemoryHistory(List.of());
        RecordedEvent rollback = history.add(story.rollbackFailed);

        IncidentReport report = IncidentReportBuilder.build(6, rollback,
                IncidentReportBuilder.evidence(rollback, history), history, Duration.ofSeconds(20));

        assertThat(report.from()).isNull();
        assertThat(report.headline()).isEqualTo("rollback to v9 failed");
        assertThat(report.notes()).contains("no release was recorded as live when the rollback was asked");
        assertThat(report.timeline()).hasSize(1);
    }
}

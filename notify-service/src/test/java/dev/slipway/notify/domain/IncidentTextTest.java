package dev.slipway.notify.domain;

import dev.slipway.notify.IncidentStory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * US5 / FR-007: the incident's message: what happened, why, how long, the failing check, the timeline; in Slack's
 * markup and as plain text for email and webhooks.
 */
class IncidentTextTest {

    @Test
    void automaticRollbackMessage() {
        String text = IncidentText.render(report(IncidentStory.automatic("shop"), true));

        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(
                ":rotating_light: Incident #3 shop/production: rolled back v12 → v11 (automatic: health check failed)");
        assertThat(text).contains("\n*Reason:* health checks of version 12 failed: web: expected status 200, got 503\n")
                .contains("\n*Versions:* v12 (commit 9049f12) → v11 (commit 7d1e2f3)\n")
                .contains("\n*Durations:* lead time 5 min (push → live) · live 1 min before failing · restored in 540 ms"
                        + " · switch 40 ms\n")
                .contains("\n*Failing check* (v12, 10:06:00 UTC):\n• web http://127.0.0.1:8088/shop/production/:"
                        + " expected status 200, got 503 — 8 ms, 3 attempts\n```\n{\"status\":\"degraded\",\"db\":"
                        + "\"connection refused\"}\ntrace line\n")
                .contains("\n*Timeline* (UTC, 2026-11-26):\n• 10:00:00 ingest.push-received (ingest-service): push to main by"
                        + " Codertocat: Add build-info\n• 10:03:00 build.succeeded (build-service): build #7 succeeded: web, api\n")
                .contains("\n• 10:06:00 deploy.rollback-completed (deploy-service): rolled back from version 12 to version 11,"
                        + " switch took 40 ms\nFull report: GET /api/incidents/3")
                .doesNotContain("_Note:_");
        assertThat(text).doesNotContain(IncidentStory.LONG_OUTPUT_END);
        String block = text.substring(text.indexOf("```\n") + 4, text.indexOf("\n```", text.indexOf("```\n") + 4));
        assertThat(block).hasSize(IncidentText.OUTPUT_CHARS + 1).endsWith("…");
    }

    @Test
    void manualRollbackSaysWhoAndThatNoHealthCheckFailed() {
        String text = IncidentText.render(report(IncidentStory.manual("shop"), true));

        assertThat(text).startsWith(":rotating_light: Incident #3 shop/production: rolled back v12 → v11 (by alice)\n")
                .contains("\n_Note:_ no failing health check: rolled back by alice: checkout returns 500 since v12\n")
                .doesNotContain("*Failing check");
    }

    @Test
    void failedRollbackSaysWhatStillRuns() {
        String text = IncidentText.render(report(IncidentStory.failed("shop"), false));

        assertThat(text).startsWith(":rotating_light: Incident #3 shop/production: rollback of v12 to v9 failed, v12 is"
                        + " still live (by alice)\n")
                .contains("\n*Not restored:* version 9 of shop/production never went live, so there is nothing of it"
                        + " to restore — the environment keeps serving v12\n")
                .contains("\n*Versions:* v12 (commit 9049f12) stays live; v9 was not restored\n");
    }

    @Test
    void longTimelineShowsItsStartAndItsEndAndStaysUnderSlacksLimit() {
        IncidentReport base = report(IncidentStory.automatic("shop"), true);
        OffsetDateTime t = base.timeline().get(0).time();
        List<IncidentReport.TimelineEntry> many = IntStream.range(0, 400).mapToObj(i -> new IncidentReport.TimelineEntry(
                t.plusSeconds(i), "dev.slipway.deploy.waiting.v1", "deploy-service",
                "event " + i + " " + "x".repeat(250), "id-" + i)).toList();
        IncidentReport longOne = new IncidentReport(base.incidentId(), base.app(), base.environment(), base.restored(),
                base.headline(), base.trigger(), base.automatic(), base.reason(), base.failure(), base.from(), base.to(),
                base.attemptedVersion(), base.durations(), base.failingChecks(), many, base.rolledBackAt(), base.notes());

        String text = IncidentText.render(longOne);

        assertThat(text.length()).isLessThanOrEqualTo(IncidentText.MAX_LENGTH);
        assertThat(text).contains("• 10:00:00 deploy.waiting (deploy-service): event 0 ")
                .contains("(deploy-service): event 399 ")
                .containsPattern("\n• … \\d+ more\n")
                .endsWith("Full report: GET /api/incidents/3");
        assertThat(text.lines().filter(l -> l.startsWith("• ") && l.contains("(deploy-service): event "))).hasSizeLessThanOrEqualTo(
                IncidentText.MAX_TIMELINE);
    }

    @Test
    void pipelineTextCannotInjectSlackMarkupOrCloseTheOutputBlock() {
        IncidentReport base = report(IncidentStory.automatic("shop"), true);
        IncidentReport.Check hostile = new IncidentReport.Check("web", "http://x/", 200, 500, "boom", 1,
                Duration.ofMillis(3), "<!channel> & ``` done");
        IncidentReport report = new IncidentReport(3, "shop", "production", true, base.headline(), base.trigger(), true,
                "see <!here>", null, base.from(), base.to(), null, base.durations(),
                new IncidentReport.FailingChecks("id", base.failingChecks().at(), 12, List.of(hostile)),
                base.timeline(), base.rolledBackAt(), List.of());

        String text = IncidentText.render(report);

        assertThat(text).doesNotContain("<!channel>").doesNotContain("<!here>")
                .contains("*Reason:* see &lt;!here&gt;")
                .contains("&lt;!channel&gt; &amp; `\u200b`\u200b` done");
    }

    @Test
    void plainTextForEmailAndWebhooksIsTheSameReportWithoutSlackMarkup() {
        IncidentReport report = report(IncidentStory.automatic("shop"), true);

        String plain = IncidentText.render(report, TextFormat.PLAIN);

        assertThat(plain.lines().findFirst().orElseThrow()).isEqualTo(
                "🚨 Incident #3 shop/production: rolled back v12 → v11 (automatic: health check failed)");
        assertThat(plain).contains("\nReason: health checks of version 12 failed: web: expected status 200, got 503\n")
                .contains("\nVersions: v12 (commit 9049f12) → v11 (commit 7d1e2f3)\n")
                .contains("\nFailing check (v12, 10:06:00 UTC):\n")
                .contains("\nTimeline (UTC, 2026-11-26):\n")
                .doesNotContain("*Reason:*").doesNotContain(":rotating_light:");
        assertThat(IncidentText.subject(report)).isEqualTo("Incident #3 shop/production: rolled back v12 → v11");
        assertThat(IncidentText.withoutReport(4, "shop", "production", true, 12L, 11L, null, "boom", TextFormat.PLAIN))
                .isEqualTo("🚨 Incident #4 shop/production: rolled back v12 → v11\nNote: the report could not be built"
                        + " (boom); see GET /api/incidents/4");
    }

    private static IncidentReport report(IncidentStory story, boolean restored) {
        InMemoryHistory history = new InMemoryHistory(story.all());
        RecordedEvent rollback = history.get(restored ? story.rolledBack : story.rollbackFailed);
        return IncidentReportBuilder.build(3, rollback, IncidentReportBuilder.evidence(rollback, history), history,
                Duration.ZERO);
    }
}

package dev.slipway.notify.domain;

import dev.slipway.events.BuildFailed;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthFailed;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FR-007 / US6: the messages name what happened, where, which commit, and what to act on; the same words for Slack,
 * email and webhooks.
 */
class NotificationTextTest {

    @Test
    void buildFailureNamesTheStepTheReasonTheCommitAndTheLog() {
        String text = render(EventType.BUILD_FAILED);

        assertThat(text).startsWith("❌ shop/production: build #7 failed at coverage of web — "
                + "coverage of web is 61.5 % of lines, under the threshold of 70 %, commit 9049f12");
        assertThat(text).contains("main").contains("Codertocat/Hello-World");
        assertThat(text).endsWith("\n```\n# tests 4\n# pass 4\n# fail 0\n```");
    }

    @Test
    void buildFailureOutsideAComponentKeepsOnlyTheLastLogLines() {
        Envelope<BuildFailed> golden = GoldenFixtures.envelope(EventType.BUILD_FAILED);
        BuildFailed g = golden.data();
        List<String> log = IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).toList();
        BuildFailed config = new BuildFailed(g.app(), g.environment(), 8, g.repository(), g.branch(), null, "config",
                "slipway.yml line 3: unknown key 'kind'", log);

        String text = NotificationText.render(new Envelope<>(golden.metadata(), config)).orElseThrow();

        assertThat(text).contains("build #8 failed at config — slipway.yml line 3: unknown key 'kind'");
        assertThat(text).contains("line 31\n").contains("line 50\n```").doesNotContain("line 30\n");
    }

    @Test
    void deploySuccessNamesVersionCommitDurationAndUrl() {
        assertThat(render(EventType.DEPLOY_SUCCEEDED)).isEqualTo("✅ shop/production is live: version 12, "
                + "commit 9049f12, took 2.5 s — <http://127.0.0.1:8088/shop/production/>");
    }

    @Test
    void deployStartNamesVersionCommitAndTarget() {
        assertThat(render(EventType.DEPLOY_STARTED))
                .isEqualTo("🚀 shop/production: deploying version 12, commit 9049f12 (local target)");
    }

    @Test
    void deploySuccessWithoutADurationTakesItFromTheRecordedStart() {
        Envelope<DeployStarted> started = GoldenFixtures.envelope(EventType.DEPLOY_STARTED);
        Envelope<DeploySucceeded> golden = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED);
        DeploySucceeded g = golden.data();
        Envelope<DeploySucceeded> untimed = new Envelope<>(golden.metadata(),
                new DeploySucceeded(g.app(), g.environment(), g.version(), g.url(), null, g.checks()));

        Notification notification = NotificationText.notification(untimed, new InMemoryHistory(List.of(started)))
                .orElseThrow();

        // DeployStarted at 10:04:00, DeploySucceeded at 10:05:00
        assertThat(notification.slackText()).contains(", took 1 min — ");
        assertThat(NotificationText.notification(untimed, new InMemoryHistory(List.of())).orElseThrow().slackText())
                .isEqualTo("✅ shop/production is live: version 12, commit 9049f12 — <http://127.0.0.1:8088/shop/production/>");
    }

    @Test
    void deployFailureWithAMultiLineReasonShowsItsFirstLinesOnly() {
        Envelope<DeployFailed> golden = GoldenFixtures.envelope(EventType.DEPLOY_FAILED);
        String reason = "migration V7__orders.sql failed\nERROR: column \"total\" does not exist\n"
                + IntStream.rangeClosed(1, 30).mapToObj(i -> "  at step " + i).collect(Collectors.joining("\n"));
        DeployFailed failed = new DeployFailed("shop", "production", 12, reason);

        String text = NotificationText.render(new Envelope<>(golden.metadata(), failed)).orElseThrow();

        assertThat(text).startsWith("❌ shop/production: deploy of version 12 failed — migration V7__orders.sql failed,"
                + " commit 9049f12. The environment keeps serving its previous release.\n```\nERROR: column \"total\""
                + " does not exist\n  at step 1\n");
        assertThat(text).endsWith("  at step 7\n… 23 more lines\n```").doesNotContain("at step 8");
    }

    @Test
    void plainTextIsTheSameWordsWithoutSlackMarkup() {
        Envelope<BuildFailed> build = GoldenFixtures.envelope(EventType.BUILD_FAILED);
        BuildFailed b = build.data();
        BuildFailed hostile = new BuildFailed(b.app(), b.environment(), 1, b.repository(), b.branch(), "web", "test",
                "expected <!channel> & more", List.of("a < b"));

        Notification notification = NotificationText.notification(new Envelope<>(build.metadata(), hostile),
                new InMemoryHistory(List.of())).orElseThrow();

        assertThat(notification.plainText()).contains("expected <!channel> & more").contains("a < b");
        assertThat(notification.slackText()).contains("expected &lt;!channel&gt; &amp; more");
        Notification deployed = NotificationText.notification(GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED),
                new InMemoryHistory(List.of())).orElseThrow();
        assertThat(deployed.plainText()).isEqualTo("✅ shop/production is live: version 12, commit 9049f12, took 2.5 s"
                + " — http://127.0.0.1:8088/shop/production/");
    }

    @Test
    void notificationCarriesTheFactsAndAnEmailSubjectAndBody() {
        Envelope<DeploySucceeded> golden = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED);

        Notification n = NotificationText.notification(golden, new InMemoryHistory(List.of())).orElseThrow();

        assertThat(n.kind()).isEqualTo(NotificationKind.DEPLOY_SUCCEEDED);
        assertThat(n.eventType()).isEqualTo("dev.slipway.deploy.succeeded.v1");
        assertThat(n.version()).isEqualTo(12);
        assertThat(n.commitSha()).isEqualTo("9049f1265b7d61be4a8904a9a27120d2064dab3b");
        assertThat(n.occurredAt()).isEqualTo(golden.metadata().time());
        assertThat(n.subject()).isEqualTo("[Slipway] shop/production: version 12 is live (commit 9049f12)");
        assertThat(n.textFor(ChannelType.SLACK)).isEqualTo(n.slackText());
        assertThat(n.textFor(ChannelType.WEBHOOK)).isEqualTo(n.plainText());
        assertThat(n.textFor(ChannelType.EMAIL)).startsWith(n.plainText() + "\n\n-- \n")
                .contains("\nApp: shop\nEnvironment: production\nVersion: 12\n"
                        + "Commit: 9049f1265b7d61be4a8904a9a27120d2064dab3b\n"
                        + "Event: dev.slipway.deploy.succeeded.v1 at 2026-11-26T10:05:00Z (id " + golden.metadata().id() + ")\n");
    }

    @Test
    void everyKindButRollbacksHasASubjectNamingWhereAndTheCommit() {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind == NotificationKind.ROLLED_BACK || kind == NotificationKind.ROLLBACK_FAILED) {
                assertThat(NotificationText.notification(GoldenFixtures.envelope(kind.eventType()),
                        new InMemoryHistory(List.of()))).isEmpty();
                continue;
            }
            Notification n = NotificationText.notification(GoldenFixtures.envelope(kind.eventType()),
                    new InMemoryHistory(List.of())).orElseThrow();
            assertThat(n.subject()).startsWith("[Slipway] shop/").doesNotContain("\n");
            if (kind != NotificationKind.ENVIRONMENT_TORN_DOWN) {
                assertThat(n.subject()).endsWith("(commit 9049f12)");
            }
        }
    }

    @Test
    void deployFailureNamesTheReason() {
        assertThat(render(EventType.DEPLOY_FAILED)).isEqualTo("❌ shop/production: deploy of version 12 failed — "
                + "artifact sha256:3f5a… of web could not be fetched: build-service answered 404, commit 9049f12. "
                + "The environment keeps serving its previous release.");
    }

    @Test
    void healthFailureNamesTheCheckExpectedAndObservedStatusLatencyAndAttempts() {
        String text = render(EventType.HEALTH_FAILED);

        assertThat(text).startsWith("🚨 shop/production: version 12 failed its health check, commit 9049f12 (1 of 1 failing)");
        assertThat(text).contains("\n• web http://127.0.0.1:8088/shop/production/: expected status 200, got 503"
                + " — 8 ms, 3 attempts");
        assertThat(text).endsWith("\n```\n{\"status\":\"degraded\",\"db\":\"connection refused\"}\n```");
    }

    @Test
    void healthCheckWithoutAnAnswerSaysWhy() {
        Envelope<HealthFailed> golden = GoldenFixtures.envelope(EventType.HEALTH_FAILED);
        HealthFailed failed = new HealthFailed("shop", "staging", 3, List.of(
                new CheckObservation("web", "http://web/", 200, 200, Duration.ofMillis(4), null, 1, true, "ok"),
                new CheckObservation("api", "http://api/health", 200, null, Duration.ofMillis(2004),
                        "timed out after 2 s", 3, false, null)));

        String text = NotificationText.render(new Envelope<>(golden.metadata(), failed)).orElseThrow();

        assertThat(text).contains("(1 of 2 failing)")
                .contains("• api http://api/health: expected status 200, no answer (timed out after 2 s) — 2 s, 3 attempts")
                .doesNotContain("• web");
    }

    @Test
    void pipelineTextCannotInjectSlackMarkup() {
        Envelope<DeploySucceeded> golden = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED);
        Envelope<BuildFailed> build = GoldenFixtures.envelope(EventType.BUILD_FAILED);
        BuildFailed b = build.data();
        BuildFailed hostile = new BuildFailed(b.app(), b.environment(), 1, b.repository(), b.branch(), "web", "test",
                "expected <!channel> & more", List.of("a < b"));

        String text = NotificationText.render(new Envelope<>(golden.metadata(), hostile)).orElseThrow();

        assertThat(text).contains("expected &lt;!channel&gt; &amp; more").contains("a &lt; b").doesNotContain("<!channel>");
    }

    @Test
    void waitingDeploymentSaysWhyAndThatItStartsOnItsOwn() {
        assertThat(render(EventType.DEPLOY_WAITING)).isEqualTo("⏳ shop/production: version 13 is waiting, commit 9049f12"
                + " — production requires staging: commit 9049f12 has not passed staging yet. It deploys on its own once"
                + " that is met, unless a newer release replaces it.");
    }

    @Test
    void tornDownEnvironmentSaysWhy() {
        String environment = GoldenFixtures.envelope(EventType.ENVIRONMENT_TORN_DOWN).data().environment();

        assertThat(render(EventType.ENVIRONMENT_TORN_DOWN)).isEqualTo("🧹 shop/" + environment + " was torn down"
                + " — branch feature/checkout was deleted. Its processes and routes are gone; its history is kept.");
    }

    @Test
    void healthCheckOutputIsShortenedAndCannotCloseItsBlock() {
        Envelope<HealthFailed> golden = GoldenFixtures.envelope(EventType.HEALTH_FAILED);
        HealthFailed failed = new HealthFailed("shop", "staging", 3, List.of(new CheckObservation("api",
                "http://api/health", 200, 500, Duration.ofMillis(4), "expected status 200, got 500", 1, false,
                "``` <b>" + "y".repeat(1000))));

        String text = NotificationText.render(new Envelope<>(golden.metadata(), failed)).orElseThrow();

        String block = text.substring(text.indexOf("```\n") + 4, text.lastIndexOf("\n```"));
        assertThat(block).startsWith("`\u200b`\u200b` &lt;b&gt;yyy").endsWith("y…").doesNotContain("```");
    }

    @Test
    void eventsThatAreNotAnnouncedRenderNothing() {
        assertThat(NotificationText.render(GoldenFixtures.envelope(EventType.BUILD_STARTED))).isEmpty();
    }

    @Test
    void durationsReadNaturally() {
        assertThat(NotificationText.human(Duration.ofMillis(8))).isEqualTo("8 ms");
        assertThat(NotificationText.human(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(NotificationText.human(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(NotificationText.human(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    }

    private static String render(EventType type) {
        return NotificationText.render(GoldenFixtures.envelope(type)).orElseThrow();
    }
}

package dev.slipway.notify.domain;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.PushReceived;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type, read from its golden fixture, gets a one-line summary of its own for incident timelines. */
class EventSummaryTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsDescribedOnOneLine(EventType type) {
        Envelope<?> golden = GoldenFixtures.envelope(type);

        String summary = EventSummary.of(golden.data());

        assertThat(summary).isNotBlank().doesNotContain("\n").isNotEqualTo(EventSummary.generic(golden.data()))
                .hasSizeLessThanOrEqualTo(EventSummary.MAX_LENGTH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUSH_RECEIVED       | push to main by Codertocat: Add build-info",
            "BUILD_SUCCEEDED     | build #7 succeeded: web, api",
            "BUILD_CANCELLED     | build #8 of changes cancelled: pull request #1 has a newer commit, 34c5c7793cb3b279e22454cb6750c80560547b3a",
            "PULL_REQUEST_CLOSED | pull request #1 of Codertocat/Hello-World closed; its preview environment goes",
            "DEPLOY_REQUESTED    | version 12 queued (build #7, local target): push to main by Codertocat",
            "DEPLOY_WAITING      | version 13 waits: production requires staging: commit 9049f12 has not passed staging yet",
            "DEPLOY_SUCCEEDED    | version 12 live after 2.5 s at http://127.0.0.1:8088/shop/production/",
            "HEALTH_FAILED       | version 12 unhealthy: web: expected status 200, got 503",
            "ROLLBACK_REQUESTED  | rollback to version 11 requested by alice: checkout returns 500 since v12",
            "ROLLBACK_COMPLETED  | rolled back from version 12 to version 11, switch took 40 ms",
            "PROMOTE_REQUESTED   | promotion of what is live in staging requested by alice: release 2026.11",
            "ENVIRONMENT_TORN_DOWN | environment torn down: branch feature/checkout was deleted"})
    void summariesReadNaturally(EventType type, String expected) {
        assertThat(EventSummary.of(GoldenFixtures.envelope(type).data())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"DEPLOY_REQUESTED,12", "DEPLOY_WAITING,13", "DEPLOY_SUCCEEDED,12", "HEALTH_FAILED,12",
            "HEALTH_PASSED,12", "DEPLOY_SUPERSEDED,12"})
    void releaseEventsNameTheirVersion(EventType type, long version) {
        assertThat(EventSummary.versionOf(GoldenFixtures.envelope(type).data())).isEqualTo(version);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"PUSH_RECEIVED", "BUILD_SUCCEEDED", "ROLLBACK_COMPLETED",
            "ROLLBACK_REQUESTED"})
    void otherEventsHaveNoVersion(EventType type) {
        assertThat(EventSummary.versionOf(GoldenFixtures.envelope(type).data())).isNull();
    }

    @org.junit.jupiter.api.Test
    void aMultiLineCommitMessageGivesItsFirstLine() {
        PushReceived g = GoldenFixtures.<PushReceived>envelope(EventType.PUSH_RECEIVED).data();
        PushReceived push = new PushReceived(g.app(), g.environment(), g.repository(), g.cloneUrl(), g.branch(),
                "Fix checkout\n\nThe total was off by one cent.", "alice", g.deliveryId(), false);

        assertThat(EventSummary.of(push)).isEqualTo("push to main by alice: Fix checkout");
    }
}

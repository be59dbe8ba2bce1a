package dev.slipway.cli;

import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the demo and the rollback command print for each event, from the golden fixtures. */
class EventDescriptionTest {

    private static String describe(EventType type) {
        return DemoStory.describe(GoldenFixtures.envelope(type).data());
    }

    @Test
    void pipelineEventsNameTheirEssentials() {
        assertThat(describe(EventType.PUSH_RECEIVED)).isEqualTo("push received: Codertocat/Hello-World main → shop/production");
        assertThat(describe(EventType.BUILD_FAILED)).contains("build #7 FAILED at coverage of web").contains("61.5 %");
        assertThat(describe(EventType.DEPLOY_SUCCEEDED)).contains("version 12 switched live at http://127.0.0.1:8088/shop/production/");
        assertThat(describe(EventType.HEALTH_FAILED)).contains("web HTTP 503").contains("expected status 200, got 503");
    }

    @Test
    void rollbackEventsSayFromWhereToWhere() {
        assertThat(describe(EventType.ROLLBACK_REQUESTED))
                .isEqualTo("rollback requested by alice: checkout returns 500 since v12");
        assertThat(describe(EventType.ROLLBACK_STARTED)).isEqualTo("rollback of shop/production from version 12 to 11 started");
        assertThat(describe(EventType.ROLLBACK_COMPLETED))
                .isEqualTo("rolled back: http://127.0.0.1:8088/shop/production/ serves version 11 again (switch took 0.04 s)");
        assertThat(describe(EventType.ROLLBACK_FAILED)).startsWith("rollback FAILED, nothing switched: version 9");
    }

    @Test
    void promotionRulesAndTeardownsAreToldInWords() {
        assertThat(describe(EventType.DEPLOY_REQUESTED))
                .isEqualTo("deploy of version 12 requested (target local): push to main by Codertocat");
        assertThat(describe(EventType.DEPLOY_WAITING)).isEqualTo(
                "version 13 of shop/production waits: production requires staging: commit 9049f12 has not passed staging yet");
        assertThat(describe(EventType.PROMOTE_REQUESTED))
                .isEqualTo("promotion of shop/staging (what is live) to production requested by alice: release 2026.11");
        assertThat(describe(EventType.PROMOTE_REFUSED)).isEqualTo("promotion from staging to shop/production REFUSED: "
                + "staging v4 has not passed its health checks yet; wait for its bake window to end");
        assertThat(describe(EventType.BRANCH_DELETED)).startsWith("branch feature/checkout of Codertocat/Hello-World "
                + "deleted: its preview shop/preview-feature-checkout").endsWith(" will be torn down");
        assertThat(describe(EventType.ENVIRONMENT_TORN_DOWN)).startsWith("shop/preview-feature-checkout")
                .endsWith(" torn down: branch feature/checkout was deleted");
        assertThat(describe(EventType.PULL_REQUEST_CLOSED)).isEqualTo("pull request #1 of Codertocat/Hello-World closed:"
                + " its preview shop/preview-pr-1 will be torn down");
        assertThat(describe(EventType.BUILD_CANCELLED)).startsWith("build #8 cancelled: pull request #1 has a newer commit");
        assertThat(describe(EventType.DEPLOY_SUPERSEDED)).isEqualTo("version 12 superseded by version 13 before it started");
    }

    @Test
    void everyEventTypeHasItsOwnDescription() {
        for (EventType type : EventType.values()) {
            assertThat(describe(type)).as(type.type()).isNotEqualTo(type.dataClass().getSimpleName());
        }
    }
}

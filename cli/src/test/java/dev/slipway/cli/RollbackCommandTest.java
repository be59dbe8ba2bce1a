package dev.slipway.cli;

import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.RollbackStarted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-008: a rollback is asked through deploy-service's API with the caller's token, then followed on Kafka. */
class RollbackCommandTest {
    private static final String TOKEN = "slw_" + "D".repeat(43);
    private static final String ROLLBACKS = "/api/apps/shop/environments/production/rollbacks";
    private static final String ENVIRONMENTS = """
            [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
              "live":{"version":4,"commitSha":"9049f1265b7d61be4a8904a9a27120d2064dab3b","status":"SUCCEEDED"}},
             {"environment":"staging","url":"http://127.0.0.1:8088/shop/staging/","live":null}]
            """;

    @TempDir
    Path home;

    private final RecordingServer deploy = RecordingServer.start()
            .json("GET", "/api/apps/shop/environments", 200, ENVIRONMENTS);

    private final StubEventFeed feed = new StubEventFeed(List.of(
            // another run's events and the request itself are not answers
            StubEventFeed.event("other-1", "other", new RollbackStarted("shop", "staging", 2, 1)),
            StubEventFeed.event("req-1", "req-1", new RollbackRequested("shop", "production", 3L, "checkout broken",
                    "alice", null)),
            StubEventFeed.event("ev-2", "req-1", new RollbackStarted("shop", "production", 4, 3)),
            StubEventFeed.event("ev-3", "req-1", new RollbackCompleted("shop", "production", 4, 3,
                    "http://127.0.0.1:8088/shop/production/", Duration.ofMillis(120)))));

    @AfterEach
    void stop() {
        deploy.close();
    }

    private RollbackCommand command() {
        RollbackCommand command = new RollbackCommand();
        command.deployUrl = deploy.url();
        command.kafka = "127.0.0.1:1"; // the feed below stands in for Kafka
        command.credentials = Credentials.forHome(Map.of("SLIPWAY_TOKEN", TOKEN)::get, home);
        command.events = () -> feed;
        return command;
    }

    @Test
    void postsTheRollbackWithTheTokenPrintsTheEventIdAndFollowsItsCorrelation() throws Exception {
        deploy.json("POST", ROLLBACKS, 202, "{\"eventId\":\"req-1\",\"correlationId\":\"req-1\"}");

        CliRun run = CliRun.of(command(), "shop", "production", "--to", "3", "--reason", "checkout broken");

        assertThat(run.exitCode()).as(run.all()).isZero();
        RecordingServer.Request post = deploy.requests().get(deploy.requests().size() - 1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo(ROLLBACKS);
        assertThat(post.contentType()).startsWith("application/json");
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(Http.JSON.readTree(post.body())).isEqualTo(Http.JSON.readTree(
                "{\"toVersion\":3,\"reason\":\"checkout broken\"}"));
        assertThat(run.out()).contains("rollback of shop/production to version 3 requested (event req-1)")
                .contains("rollback of shop/production from version 4 to 3 started")
                .contains("serves version 3 again")
                .contains("shop/production is pinned there; new pushes wait until ./slipway resume shop production")
                .doesNotContain("staging").doesNotContain("requested by alice");
        assertThat(feed.closed()).isTrue();
    }

    @Test
    void withoutToTheVersionIsNullAndJsonOutputHasTheOutcome() throws Exception {
        deploy.json("POST", ROLLBACKS, 202, "{\"eventId\":\"req-1\",\"correlationId\":\"req-1\"}");

        CliRun run = CliRun.of(command(), "shop", "production", "--output", "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Http.JSON.readTree(deploy.requests().get(1).body())).isEqualTo(Http.JSON.readTree(
                "{\"toVersion\":null,\"reason\":\"manual rollback\"}"));
        var result = Http.JSON.readTree(run.out());
        assertThat(result.path("requestId").asText()).isEqualTo("req-1");
        assertThat(result.path("outcome").asText()).isEqualTo("rolled-back");
        assertThat(result.path("toVersion").asLong()).isEqualTo(3);
    }

    @Test
    void aViewerTokenIsRefusedWithExit4AndTheHint() {
        deploy.json("POST", ROLLBACKS, 403, "{\"error\":\"token 'ci' has role viewer; rollbacks need deployer\","
                + "\"field\":null}");

        CliRun run = CliRun.of(command(), "shop", "production", "--to", "3");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("rollbacks need deployer")
                .contains("set SLIPWAY_TOKEN or run ./slipway token create <name> --role deployer");
        assertThat(run.all()).doesNotContain(TOKEN).doesNotContain("requested (event");
        assertThat(feed.closed()).isTrue();
    }

    @Test
    void theServicesRefusalNamesTheFieldAndAnUnknownVersionIsExit3() {
        deploy.json("POST", ROLLBACKS, 400, "{\"error\":\"toVersion must be positive\",\"field\":\"toVersion\"}");
        CliRun invalid = CliRun.of(command(), "shop", "production", "--to", "-1");
        deploy.json("POST", ROLLBACKS, 404, "{\"error\":\"shop/production has no version 9\",\"field\":\"toVersion\"}");
        CliRun unknown = CliRun.of(command(), "shop", "production", "--to", "9");

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("could not request the rollback of shop/production: "
                + "toVersion must be positive (field toVersion)");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("shop/production has no version 9");
    }

    @Test
    void nothingLiveIsSaidBeforeAnythingIsAsked() {
        CliRun run = CliRun.of(command(), "shop", "staging");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("shop/staging has nothing live to roll back from");
        assertThat(deploy.requests()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void helpDocumentsTheTokenAndTheExitCodes() {
        CliRun help = CliRun.of(new Main(), "rollback", "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("deployer token")
                .contains("4 no token or not a deployer's");
    }
}

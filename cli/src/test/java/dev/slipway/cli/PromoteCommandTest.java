package dev.slipway.cli;

import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** US4: promote what passed staging; what cannot be promoted is refused before anything is published. */
class PromoteCommandTest {
    private static final String ENVIRONMENTS = """
            [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
              "live":{"version":3,"commitSha":"9049f1265b7d61be4a8904a9a27120d2064dab3b","buildNumber":7,
                      "status":"SUCCEEDED","health":"PASSED","trigger":"push to main by alice"},
              "latest":null,"running":null,"queued":[],"waiting":[],"pinned":null,"requires":["staging"],
              "preview":false,"tornDown":null},
             {"environment":"staging","url":"http://127.0.0.1:8088/shop/staging/","live":null,
              "latest":{"version":1,"commitSha":"aaaaaaaaaaaaaaaa","buildNumber":8,"status":"FAILED","health":null,
                        "reason":"api did not get ready"},
              "running":null,"queued":[],"waiting":[],"pinned":null,"requires":[],"preview":false,"tornDown":null}]
            """;

    private final RecordingServer deploy = RecordingServer.start()
            .json("GET", "/api/apps/shop/environments", 200, ENVIRONMENTS);

    @AfterEach
    void stop() {
        deploy.close();
    }

    private PromoteCommand command() {
        PromoteCommand command = new PromoteCommand();
        command.deployUrl = deploy.url();
        command.kafka = "127.0.0.1:1"; // nothing may be published in these tests
        command.credentials = Credentials.ofFile(Path.of("/nonexistent/credentials"));
        return command;
    }

    @Test
    void promotesThroughTheApiWithTheShownVersionAndFollowsTheOutcome() throws Exception {
        String token = "slw_" + "P".repeat(43);
        deploy.json("POST", "/api/apps/shop/promotions", 202, "{\"eventId\":\"req-7\",\"correlationId\":\"req-7\"}");
        StubEventFeed feed = new StubEventFeed(List.of(
                StubEventFeed.event("d-1", "req-7", new DeployRequested("shop", "staging", 5, 7, "local",
                        "promoted from production v3")),
                StubEventFeed.event("d-2", "req-7", new DeploySucceeded("shop", "staging", 5,
                        "http://127.0.0.1:8088/shop/staging/", Duration.ofMillis(300), List.of()))));
        PromoteCommand command = command();
        command.credentials = Credentials.forHome(Map.of("SLIPWAY_TOKEN", token)::get, Path.of("/nonexistent"));
        command.events = () -> feed;

        CliRun run = CliRun.of(command, "shop", "--from", "production", "--to", "staging", "--reason", "hotfix");

        assertThat(run.exitCode()).as(run.all()).isZero();
        RecordingServer.Request post = deploy.requests().get(deploy.requests().size() - 1);
        assertThat(post.path()).isEqualTo("/api/apps/shop/promotions");
        assertThat(post.authorization()).isEqualTo("Bearer " + token);
        assertThat(Http.JSON.readTree(post.body())).isEqualTo(Http.JSON.readTree(
                "{\"from\":\"production\",\"to\":\"staging\",\"fromVersion\":3,\"reason\":\"hotfix\"}"));
        assertThat(run.out()).contains("promotion requested (event req-7)")
                .contains("live: http://127.0.0.1:8088/shop/staging/ version 5");
        assertThat(feed.closed()).isTrue();
    }

    @Test
    void aRefusalAtOnceIsTheRefusedOutcome() throws Exception {
        deploy.json("POST", "/api/apps/shop/promotions", 409,
                "{\"error\":\"production v3 has not passed its health checks yet\",\"field\":null}");
        PromoteCommand command = command();
        StubEventFeed feed = new StubEventFeed(List.of());
        command.events = () -> feed;

        CliRun human = CliRun.of(command, "shop", "--from", "production", "--to", "staging");
        CliRun json = CliRun.of(command, "shop", "--from", "production", "--to", "staging", "--output", "json");

        assertThat(human.exitCode()).isEqualTo(1);
        assertThat(human.out()).contains("promotion refused, nothing deployed: production v3 has not passed its "
                + "health checks yet");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(Http.JSON.readTree(json.out()).path("outcome").asText()).isEqualTo("refused");
        assertThat(feed.closed()).isTrue();
    }

    @Test
    void refusesClearlyWhenTheSourceHasNothingLive() {
        CliRun run = CliRun.of(command(), "shop", "--from", "staging", "--to", "production");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("error: shop/staging has nothing live to promote; deploy to it first, "
                + "or name a version that went live there with --version");
        assertThat(run.out()).doesNotContain("promotion requested");
    }

    @Test
    void aVersionThatNeverWentLiveIsRefusedWithWhereToLook() {
        deploy.json("GET", "/api/apps/shop/deployments?limit=200&environment=staging", 200, """
                [{"environment":"staging","version":1,"commitSha":"aaaaaaaaaaaaaaaa","buildNumber":8,"status":"FAILED"}]
                """);

        CliRun failed = CliRun.of(command(), "shop", "--from", "staging", "--to", "production", "--version", "1");
        CliRun unknown = CliRun.of(command(), "shop", "--from", "staging", "--to", "production", "--version", "9");

        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).contains("shop/staging v1 never went live (it failed)")
                .contains("./slipway deployments shop --env staging");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("shop/staging has no version 9");
    }

    @Test
    void helpExplainsTheRulesAndVersionIsTheVersionToPromote() {
        CliRun help = CliRun.of(new Main(), "promote", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--version=<n>").contains("--from=<environment>").contains("--to=<environment>")
                .contains("Exit status");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void unknownEnvironmentsAndAppsAreNamed() {
        CliRun env = CliRun.of(command(), "shop", "--from", "qa", "--to", "production");
        CliRun app = CliRun.of(command(), "nope", "--from", "staging", "--to", "production");
        CliRun itself = CliRun.of(command(), "shop", "--from", "staging", "--to", "staging");

        assertThat(env.exitCode()).isEqualTo(3);
        assertThat(env.err()).contains("shop has no environment 'qa'; it has production, staging");
        assertThat(app.exitCode()).isEqualTo(3);
        assertThat(app.err()).contains("no deployments of 'nope' yet");
        assertThat(itself.exitCode()).isEqualTo(2);
        assertThat(itself.err()).contains("--from and --to are both 'staging'");
    }

    @Test
    void theSourceIsWhatIsLiveOrTheNamedVersionWithItsCommit() {
        deploy.json("GET", "/api/apps/shop/deployments?limit=200&environment=production", 200, """
                [{"environment":"production","version":3,"commitSha":"9049f1265b7d61be","buildNumber":7,
                  "status":"SUCCEEDED","health":"PASSED"},
                 {"environment":"production","version":2,"commitSha":"bbbbbbbbbbbbbbbb","buildNumber":5,
                  "status":"SUCCEEDED","health":null}]
                """);
        DeployApi api = new DeployApi(new Http(Credentials.ofFile(Path.of("/nonexistent/credentials"))), deploy.url());

        assertThat(PromoteCommand.source(api, "shop", "production", null))
                .isEqualTo(new PromoteCommand.Source(3, "9049f1265b7d61be4a8904a9a27120d2064dab3b", 7, "passed"));
        assertThat(PromoteCommand.source(api, "shop", "production", 2L))
                .isEqualTo(new PromoteCommand.Source(2, "bbbbbbbbbbbbbbbb", 5, "not checked yet"));
        assertThatThrownBy(() -> PromoteCommand.source(api, "shop", "staging", null))
                .isInstanceOf(CliException.class).hasMessageContaining("nothing live");
    }

    private static String printed(PromoteCommand.Outcome outcome) {
        StringWriter text = new StringWriter();
        outcome.print(new PrintWriter(text, true), "shop");
        return text.toString();
    }

    private static PromoteCommand.Outcome outcome(EventType type) {
        return PromoteCommand.outcomeOf(GoldenFixtures.envelope(type));
    }

    @Test
    void aRefusalEndsItWithTheReasonAndExit1() {
        PromoteCommand.Outcome refused = outcome(EventType.PROMOTE_REFUSED);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(printed(refused)).isEqualTo("promotion refused, nothing deployed: "
                + "staging v4 has not passed its health checks yet; wait for its bake window to end\n");
        assertThat(refused.addTo(Http.JSON.createObjectNode()).toString())
                .isEqualTo("{\"outcome\":\"refused\",\"reason\":\"staging v4 has not passed its health checks yet; "
                        + "wait for its bake window to end\"}");
    }

    @Test
    void waitingForARuleIsExit0AndSaysItDeploysOnItsOwn() {
        PromoteCommand.Outcome waiting = outcome(EventType.DEPLOY_WAITING);

        assertThat(waiting.exitCode()).isZero();
        assertThat(printed(waiting)).startsWith("shop/production v13 waits: production requires staging: "
                + "commit 9049f12 has not passed staging yet\nit deploys on its own once the rule is met");
    }

    @Test
    void liveNamesTheUrlVersionAndCommit() {
        PromoteCommand.Outcome live = outcome(EventType.DEPLOY_SUCCEEDED);

        assertThat(live.exitCode()).isZero();
        assertThat(printed(live)).startsWith("live: http://127.0.0.1:8088/shop/production/ version 12 commit "
                + "9049f1265b7d61be4a8904a9a27120d2064dab3b\n");
    }

    @Test
    void aFailedDeployIsExit1AndPointsAtItsLog() {
        PromoteCommand.Outcome failed = outcome(EventType.DEPLOY_FAILED);

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(printed(failed)).contains("keeps serving what it served").contains("./slipway deploy-log shop production");
        assertThat(outcome(EventType.DEPLOY_SUPERSEDED).exitCode()).isEqualTo(1);
    }

    @Test
    void requestedAndStartedAreProgressNotAnOutcome() {
        assertThat(outcome(EventType.DEPLOY_REQUESTED)).isNull();
        assertThat(outcome(EventType.DEPLOY_STARTED)).isNull();
    }
}

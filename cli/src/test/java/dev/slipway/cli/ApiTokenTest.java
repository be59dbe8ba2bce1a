package dev.slipway.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call to a service's /api carries the CLI's token, found as kubectl finds its kubeconfig. */
class ApiTokenTest {
    private static final String FROM_ENV = "slw_" + "E".repeat(43);
    private static final String FROM_FILE = "slw_" + "F".repeat(43);
    private static final String ENVIRONMENTS = """
            [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
              "live":{"version":3,"commitSha":"9049f1265b7d61be4a8904a9a27120d2064dab3b","status":"SUCCEEDED"}}]
            """;

    @TempDir
    Path home;

    private final RecordingServer deploy = RecordingServer.start()
            .json("GET", "/api/apps/shop/environments", 200, ENVIRONMENTS);

    @AfterEach
    void stop() {
        deploy.close();
    }

    private String authorizationSentBy(Credentials credentials) {
        StatusCommand status = new StatusCommand();
        status.deployUrl = deploy.url();
        status.credentials = credentials;
        CliRun run = CliRun.of(status, "shop");
        assertThat(run.exitCode()).as(run.all()).isZero();
        RecordingServer.Request request = deploy.requests().get(deploy.requests().size() - 1);
        return request.authorization();
    }

    private void writeCredentials(Path dir, String token) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("credentials"), token + "\n");
    }

    @Test
    void slipwayTokenIsSentAsABearerTokenAndWinsOverTheFile() throws Exception {
        writeCredentials(home.resolve(".slipway"), FROM_FILE);

        String sent = authorizationSentBy(Credentials.forHome(Map.of("SLIPWAY_TOKEN", FROM_ENV)::get, home));

        assertThat(sent).isEqualTo("Bearer " + FROM_ENV);
    }

    @Test
    void withoutSlipwayTokenTheCredentialsFileInTheHomeIsSent() throws Exception {
        writeCredentials(home.resolve(".slipway"), FROM_FILE);

        assertThat(authorizationSentBy(Credentials.forHome(Map.<String, String>of()::get, home)))
                .isEqualTo("Bearer " + FROM_FILE);
    }

    @Test
    void slipwayHomeMovesTheCredentialsFileAsItMovesTheDataDirectory() throws Exception {
        Path elsewhere = home.resolve("state");
        writeCredentials(elsewhere, FROM_FILE);
        writeCredentials(home.resolve(".slipway"), FROM_ENV);

        assertThat(authorizationSentBy(Credentials.forHome(Map.of("SLIPWAY_HOME", elsewhere.toString())::get, home)))
                .isEqualTo("Bearer " + FROM_FILE);
    }

    @Test
    void withNeitherNothingIsSent() {
        assertThat(authorizationSentBy(Credentials.forHome(Map.<String, String>of()::get, home))).isNull();
    }

    @Test
    void onlyTheApiGetsTheToken() {
        Http http = new Http(Credentials.forHome(Map.of("SLIPWAY_TOKEN", FROM_ENV)::get, home));

        http.post(deploy.url() + "/webhooks/github", new byte[]{'{', '}'}, Map.of("Content-Type", "application/json"));
        http.get(deploy.url() + "/api/apps/shop/environments");

        assertThat(deploy.requests()).extracting(RecordingServer.Request::authorization)
                .containsExactly(null, "Bearer " + FROM_ENV);
    }

    @Test
    void aRefusedTokenIsExit4WithTheServicesReasonAndTheHintNeverTheToken() {
        deploy.json("POST", "/api/apps/shop/environments/production/resume", 403,
                "{\"error\":\"token 'ci' has role viewer; resuming needs deployer\",\"field\":null}");
        ResumeCommand resume = new ResumeCommand();
        resume.deployUrl = deploy.url();
        resume.credentials = Credentials.forHome(Map.of("SLIPWAY_TOKEN", FROM_ENV)::get, home);

        CliRun run = CliRun.of(resume, "shop", "production");

        assertThat(deploy.requests()).singleElement().extracting(RecordingServer.Request::authorization)
                .isEqualTo("Bearer " + FROM_ENV);
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("error: token 'ci' has role viewer; resuming needs deployer")
                .contains("HTTP 403").contains("token from SLIPWAY_TOKEN")
                .contains("set SLIPWAY_TOKEN or run ./slipway token create <name> --role deployer");
        assertThat(run.all()).doesNotContain(FROM_ENV);
    }

    @Test
    void noTokenAtAllIsExit4SayingWhereItWasLookedFor() {
        StatusCommand status = new StatusCommand();
        status.deployUrl = deploy.url();
        status.credentials = Credentials.forHome(Map.<String, String>of()::get, home);
        deploy.json("GET", "/api/apps/shop/environments", 401, "{\"error\":\"missing bearer token\",\"field\":null}");

        CliRun run = CliRun.of(status, "shop");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("missing bearer token").contains("HTTP 401")
                .contains("SLIPWAY_TOKEN is not set and there is no " + home.resolve(".slipway/credentials"))
                .contains("./slipway token create <name> --role deployer");
    }

    @Test
    void buildLogsSendTheTokenToo() {
        deploy.text("GET", "/api/builds/7/log", 200, "=== web test ===\nok\n");
        LogsCommand logs = new LogsCommand();
        logs.buildUrl = deploy.url();
        logs.credentials = Credentials.forHome(Map.of("SLIPWAY_TOKEN", FROM_ENV)::get, home);

        CliRun run = CliRun.of(logs, "7");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("ok");
        assertThat(deploy.requests()).singleElement().extracting(RecordingServer.Request::authorization)
                .isEqualTo("Bearer " + FROM_ENV);
    }

    @Test
    void mainHelpDocumentsTheTokenAndExitCode4() {
        CliRun help = CliRun.of(new Main(), "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("SLIPWAY_TOKEN")
                .contains("4 no token, an unknown one, or one whose role may not do this")
                .contains("token");
    }
}

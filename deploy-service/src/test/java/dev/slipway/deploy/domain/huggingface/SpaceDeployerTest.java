package dev.slipway.deploy.domain.huggingface;

import dev.slipway.deploy.domain.FakeTime;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.standins.huggingface.HubStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FR-004: a backend deployed to a Docker Space through the Hub API, against the Hub stand-in, which refuses any
 * request the recorded Hub interactions do not have the shape of.
 */
class SpaceDeployerTest {
    private static final String TOKEN = "hf_deployer_test_token_9876";
    private static final String SPACE = "acme/shop-backend-green";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** No secrets removed. */
    private static final Set<String> NONE = Set.of();

    private final HubStandIn hub = HubStandIn.start(TOKEN);
    private final FakeTime time = new FakeTime();
    private final List<String> log = new ArrayList<>();
    private final SpaceDeployer deployer = deployer(TOKEN, Duration.ofMinutes(10));

    @TempDir
    Path releases;

    @AfterEach
    void close() {
        hub.close();
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: the first deploy creates a private Docker Space, commits, sets its config, restarts once and waits for RUNNING")
    void firstDeploy() throws Exception {
        Path backend = backend("1.0.0", Map.of("app.py", "print('hi')\n", "lib/util.py", "X = 1\n"));

        SpaceRevision revision = deployer.deploy(SPACE, backend, Map.of("GREETING", "hello"),
                Map.of("DB_PASSWORD", "s3cr3t-db-password"), NONE, "shop 1 (9049f12)", log::add);

        assertThat(revision.space()).isEqualTo(SPACE);
        assertThat(revision.commit()).isEqualTo(hub.commit(SPACE));
        assertThat(revision.url()).isEqualTo(URI.create(hub.baseUrl() + "/spaces/acme/shop-backend-green/"));
        assertThat(get(revision.url().resolve("version"))).isEqualTo("1.0.0");
        assertThat(hub.isPrivate(SPACE)).isTrue();
        assertThat(hub.files(SPACE)).containsOnlyKeys(".gitattributes", "README.md", "Dockerfile", "VERSION",
                "app.py", "lib/util.py");
        assertThat(hub.files(SPACE).get("README.md"))
                .isEqualTo("---\ntitle: shop-backend-green\nsdk: docker\napp_port: 8080\n---\n");
        assertThat(hub.variables(SPACE)).containsExactly(Map.entry("GREETING", "hello"));
        assertThat(hub.hasSecret(SPACE, "DB_PASSWORD", "s3cr3t-db-password")).isTrue();
        assertThat(log).containsExactly(
                "huggingface: created private Docker Space " + SPACE,
                "huggingface: committed 5 files to " + SPACE + " (rev " + revision.commit().substring(0, 7) + ")",
                "huggingface: set 1 variable(s) on " + SPACE,
                "huggingface: set 1 secret(s) on " + SPACE,
                "huggingface: " + SPACE + " BUILDING",
                "huggingface: " + SPACE + " RUNNING");
        assertThat(log.toString()).doesNotContain("s3cr3t-db-password");
        // The Hub restarts a Space on every configuration change: files first, configuration after, one restart.
        assertThat(hub.requests().stream().map(r -> r.method() + " " + r.path()).toList()).containsExactly(
                "POST /api/repos/create",
                "GET /api/spaces/acme/shop-backend-green/revision/main?expand=siblings",
                "POST /api/spaces/acme/shop-backend-green/preupload/main",
                "POST /api/spaces/acme/shop-backend-green/commit/main",
                "GET /api/spaces/acme/shop-backend-green/variables",
                "POST /api/spaces/acme/shop-backend-green/variables",
                "POST /api/spaces/acme/shop-backend-green/secrets",
                "POST /api/spaces/acme/shop-backend-green/restart",
                "GET /api/spaces/acme/shop-backend-green/runtime",
                "GET /api/spaces/acme/shop-backend-green/runtime",
                "GET /api/spaces/acme/shop-backend-green/runtime",
                "GET /spaces/acme/shop-backend-green/version");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a second deploy removes the files the release lacks and the variables the environment dropped")
    void secondDeployRemovesWhatTheReleaseLacks() throws Exception {
        deployer.deploy(SPACE, backend("1.0.0", Map.of("old.py", "gone soon\n", "app.py", "v1\n")),
                Map.of("GREETING", "hello", "DROPPED", "x"), Map.of(), NONE, "shop 1", log::add);
        hub.putVariable(SPACE, "SET_BY_HAND", "kept", null);
        log.clear();

        SpaceRevision second = deployer.deploy(SPACE, backend("2.0.0", Map.of("app.py", "v2\n")),
                Map.of("GREETING", "hello"), Map.of(), NONE, "shop 2", log::add);

        assertThat(hub.files(SPACE)).containsOnlyKeys(".gitattributes", "README.md", "Dockerfile", "VERSION", "app.py");
        assertThat(hub.files(SPACE).get("app.py")).isEqualTo("v2\n");
        assertThat(hub.variables(SPACE)).containsOnlyKeys("GREETING", "SET_BY_HAND");
        assertThat(get(second.url().resolve("version"))).isEqualTo("2.0.0");
        assertThat(log).contains("huggingface: removed variable(s) DROPPED on " + SPACE,
                "huggingface: committed 4 files to " + SPACE + " and removed 1 (rev " + second.commit().substring(0, 7)
                        + ")");
        assertThat(log).noneMatch(line -> line.contains("created"));
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: secrets Slipway set before that the environment dropped leave the Space; names only are logged")
    void removedSecretsLeaveTheSpace() throws Exception {
        deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of("DB_PASSWORD", "first-db-value",
                "OLD_TOKEN", "old-token-value", "MOVED", "moved-value"), NONE, "shop 1", log::add);
        log.clear();
        int before = hub.requests().size();

        deployer.deploy(SPACE, backend("2.0.0", Map.of()), Map.of("MOVED", "now a variable"),
                Map.of("DB_PASSWORD", "second-db-value"), Set.of("OLD_TOKEN", "MOVED", "NEVER_SET", "DB_PASSWORD"),
                "shop 2", log::add);

        assertThat(hub.secretNames(SPACE)).containsExactly("DB_PASSWORD");
        assertThat(hub.hasSecret(SPACE, "DB_PASSWORD", "second-db-value")).isTrue();
        assertThat(hub.variables(SPACE)).containsExactly(Map.entry("MOVED", "now a variable"));
        assertThat(log).contains("huggingface: removed secret(s) MOVED, NEVER_SET, OLD_TOKEN from " + SPACE);
        assertThat(log.toString()).doesNotContain("first-db-value", "second-db-value", "old-token-value",
                "moved-value");
        // A secret is removed before a variable takes its name, all after the commit and before the one restart.
        List<String> requests = hub.requests().subList(before, hub.requests().size()).stream()
                .map(r -> r.method() + " " + r.path().replace("/api/spaces/" + SPACE, "")).toList();
        assertThat(requests).containsSubsequence("POST /commit/main", "DELETE /secrets", "DELETE /secrets",
                "DELETE /secrets", "POST /variables", "POST /secrets", "POST /restart");
        assertThat(requests).filteredOn(r -> r.equals("DELETE /secrets")).hasSize(3);
        assertThat(requests).filteredOn(r -> r.equals("POST /restart")).hasSize(1);
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a secret the Hub refuses quoting its value fails the deploy without the value in the message")
    void refusedSecretValueIsInNoMessage() throws Exception {
        hub.refuseNextSecret(422);

        HubException e = catchThrowableOfType(HubException.class, () -> deployer.deploy(SPACE,
                backend("1.0.0", Map.of()), Map.of(), Map.of("DB_PASSWORD", "s3cr3t-db-password"), NONE, "shop 1",
                log::add));

        assertThat(e.permanent()).isTrue();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e).hasMessageStartingWith("huggingface: " + SPACE + ": cannot set secret DB_PASSWORD (HTTP 422):"
                + " Invalid value for secret DB_PASSWORD: '***' in ");
        assertThat(e.toString() + log).doesNotContain("s3cr3t-db-password");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: RUNNING left from before the restart is not believed: the deploy waits for the restart to show")
    void staleRunningIsNotBelieved() throws Exception {
        deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1", log::add);
        hub.restartLag(2);
        log.clear();

        SpaceRevision second = deployer.deploy(SPACE, backend("2.0.0", Map.of()), Map.of(), Map.of(), NONE,
                "shop 2", log::add);

        assertThat(get(second.url().resolve("version"))).isEqualTo("2.0.0");
        assertThat(log).endsWith(
                "huggingface: " + SPACE + " RUNNING (not yet seen restarting: maybe the run from before)",
                "huggingface: " + SPACE + " BUILDING",
                "huggingface: " + SPACE + " RUNNING");
        assertThat(runtimeReadsAfterLastRestart()).isEqualTo(4);
        assertThat(hub.violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    @DisplayName("FR-004: a restart too quick to be seen cannot hang a deploy: RUNNING is believed after the grace polls")
    void restartTooQuickToBeSeen(int gracePolls) throws Exception {
        SpaceDeployer deployer = new SpaceDeployer(client(TOKEN), new SpaceDeployer.Settings(hub.appUrlTemplate(),
                true, Duration.ofSeconds(5), Duration.ofMinutes(10), gracePolls), time, time);
        deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1", log::add);
        hub.restartLag(1000);
        log.clear();
        int sleepsBefore = time.sleeps().size();

        deployer.deploy(SPACE, backend("2.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 2", log::add);

        assertThat(runtimeReadsAfterLastRestart()).isEqualTo(gracePolls);
        assertThat(time.sleeps().subList(sleepsBefore, time.sleeps().size())).hasSize(gracePolls)
                .allMatch(Duration.ofSeconds(5)::equals);
        assertThat(log).last().isEqualTo("huggingface: " + SPACE + " RUNNING in all " + (gracePolls + 1)
                + " answer(s) since the restart: taken as restarted too quickly to be seen");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a build over by the first read after the restart is believed at once: the restart showed")
    void buildOverByTheFirstRead() throws Exception {
        hub.buildPolls(0);

        SpaceRevision revision = deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE,
                "shop 1", log::add);

        assertThat(get(revision.url().resolve("version"))).isEqualTo("1.0.0");
        assertThat(runtimeReadsAfterLastRestart()).isEqualTo(1);
        assertThat(log).endsWith("huggingface: " + SPACE + " BUILDING", "huggingface: " + SPACE + " RUNNING");
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: the running grace must be a count of polls that ends before the timeout")
    void runningGraceIsChecked() {
        assertThat(new SpaceDeployer.Settings("https://{subdomain}.hf.space/", true, Duration.ofSeconds(10),
                Duration.ofMinutes(15)).runningGracePolls())
                .isEqualTo(SpaceDeployer.Settings.DEFAULT_RUNNING_GRACE_POLLS);
        assertThatThrownBy(() -> new SpaceDeployer.Settings("https://{subdomain}.hf.space/", true,
                Duration.ofSeconds(10), Duration.ofMinutes(15), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the running grace polls must not be negative; got -1");
        assertThatThrownBy(() -> new SpaceDeployer.Settings("https://{subdomain}.hf.space/", true,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the running grace (3 polls of PT10S) must end before the timeout PT30S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BUILD_ERROR", "RUNTIME_ERROR"})
    @DisplayName("FR-004: a Space that ends in an error stage fails the deploy, naming the stage and the Hub's message")
    void errorStageFailsTheDeploy(String stage) throws Exception {
        hub.failNextBuild(stage, "exit code 1: ModuleNotFoundError: flask");

        assertThatThrownBy(() -> deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1",
                log::add))
                .isInstanceOf(DeployException.class)
                .hasMessage("huggingface: " + SPACE + " ended in " + stage + ": exit code 1: ModuleNotFoundError:"
                        + " flask (logs: " + hub.baseUrl() + "/spaces/" + SPACE + ")");
        assertThat(log).last().isEqualTo("huggingface: " + SPACE + " " + stage);
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a Space still building when the timeout passes fails the deploy, naming the last stage")
    void timeoutNamesTheLastStage() throws Exception {
        hub.buildPolls(1000);
        SpaceDeployer impatient = deployer(TOKEN, Duration.ofSeconds(30));

        assertThatThrownBy(() -> impatient.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1",
                log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("huggingface: " + SPACE + " was not RUNNING within PT30S; its last stage was"
                        + " BUILDING");
        assertThat(time.sleeps()).containsOnly(Duration.ofSeconds(5)).hasSize(6);
    }

    @Test
    @DisplayName("FR-004: 503 twice, then the deploy goes on: the Hub's transient failures are retried")
    void transientFailuresAreRetried() throws Exception {
        hub.failNextRequests(2, 503);

        SpaceRevision revision = deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1",
                log::add);

        assertThat(revision.commit()).isEqualTo(hub.commit(SPACE));
        assertThat(hub.requests().stream().filter(r -> r.path().equals("/api/repos/create"))).hasSize(3);
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a refused token fails at once and permanently, and is in no message or log line")
    void refusedTokenIsPermanent() throws Exception {
        SpaceDeployer wrongToken = deployer("hf_not_the_right_one_4321", Duration.ofMinutes(10));

        HubException e = catchThrowableOfType(HubException.class, () -> wrongToken.deploy(SPACE,
                backend("1.0.0", Map.of()), Map.of(), Map.of("DB_PASSWORD", "pw"), NONE, "shop 1", log::add));

        assertThat(e.permanent()).isTrue();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessageContaining("create the Space").hasMessageContaining(SPACE);
        assertThat(e.toString() + log).doesNotContain("hf_not_the_right_one_4321").doesNotContain(TOKEN);
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    @DisplayName("FR-004: a component without a Dockerfile is refused before the Hub is asked anything")
    void noDockerfile() throws Exception {
        Path backend = Files.createDirectories(releases.resolve("backend"));
        Files.writeString(backend.resolve("app.py"), "print('hi')\n");

        assertThatThrownBy(() -> deployer.deploy(SPACE, backend, Map.of(), Map.of(), NONE, "shop 1", log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("huggingface: a Docker Space needs a Dockerfile at the root of component"
                        + " 'backend'");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a README.md for another SDK is refused before the Hub is asked anything")
    void readmeForAnotherSdk() throws Exception {
        Path backend = backend("1.0.0", Map.of("README.md", "---\ntitle: shop\nsdk: gradio\n---\n# Shop\n"));

        assertThatThrownBy(() -> deployer.deploy(SPACE, backend, Map.of(), Map.of(), NONE, "shop 1", log::add))
                .isInstanceOf(DeployException.class)
                .hasMessage("huggingface: README.md's front matter must say 'sdk: docker' for a Docker Space; it says"
                        + " 'sdk: gradio'");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: the release's own README.md is kept; one without front matter gets the Space's on top")
    void readmeWithoutFrontMatter() throws Exception {
        Path backend = backend("1.0.0", Map.of("README.md", "# Shop backend\n"));

        deployer.deploy(SPACE, backend, Map.of(), Map.of(), NONE, "shop 1", log::add);

        assertThat(hub.files(SPACE).get("README.md"))
                .isEqualTo("---\ntitle: shop-backend-green\nsdk: docker\napp_port: 8080\n---\n\n# Shop backend\n");
    }

    @Test
    @DisplayName("FR-004: a name set both as a variable and as a secret is refused before the Hub is asked anything")
    void variableAndSecretWithOneName() throws Exception {
        assertThatThrownBy(() -> deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of("API_KEY", "a"),
                Map.of("API_KEY", "b"), NONE, "shop 1", log::add))
                .isInstanceOf(DeployException.class)
                .hasMessage("huggingface: API_KEY is both a variable and a secret; a Space takes each name once");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: runtimeStage reads the Space's stage; the app URL follows the Hub's subdomain rule by default")
    void runtimeStageAndUrls() throws Exception {
        deployer.deploy(SPACE, backend("1.0.0", Map.of()), Map.of(), Map.of(), NONE, "shop 1", log::add);

        assertThat(deployer.runtimeStage(SPACE)).isEqualTo("RUNNING");
        SpaceDeployer onTheHub = new SpaceDeployer(new HubClient(HubClient.DEFAULT_BASE_URL, TOKEN,
                new RetryPolicy(3, Duration.ZERO), time), SpaceDeployer.Settings.hub(), time, time);
        assertThat(onTheHub.appUrl("Acme/Shop_Backend.green"))
                .isEqualTo(URI.create("https://acme-shop-backend-green.hf.space/"));
    }

    @Test
    @DisplayName("FR-004: the app URL carries owner and name as the Hub's host names do; delete removes the Space")
    void hostFormUrlAndDelete() throws Exception {
        SpaceRevision revision = deployer.deploy("Acme/Shop_Backend.green", backend("1.0.0", Map.of()), Map.of(),
                Map.of(), NONE, "shop 1", log::add);

        assertThat(revision.url()).isEqualTo(URI.create(hub.baseUrl() + "/spaces/acme/shop-backend-green/"));
        assertThat(get(revision.url().resolve("version"))).isEqualTo("1.0.0");
        assertThat(deployer.delete("Acme/Shop_Backend.green")).isTrue();
        assertThat(hub.exists("Acme/Shop_Backend.green")).isFalse();
        assertThat(hub.violations()).isEmpty();
    }

    private SpaceDeployer deployer(String token, Duration timeout) {
        return new SpaceDeployer(client(token), new SpaceDeployer.Settings(hub.appUrlTemplate(), true,
                Duration.ofSeconds(5), timeout), time, time);
    }

    private HubClient client(String token) {
        return new HubClient(hub.baseUrl(), token, new RetryPolicy(3, Duration.ofMillis(100)), time);
    }

    private long runtimeReadsAfterLastRestart() {
        List<String> requests = hub.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        int restart = requests.lastIndexOf("POST /api/spaces/" + SPACE + "/restart");
        return requests.subList(restart + 1, requests.size()).stream()
                .filter(r -> r.equals("GET /api/spaces/" + SPACE + "/runtime")).count();
    }

    /** A backend component: a Dockerfile exposing 8080, a VERSION file and the given files. */
    private Path backend(String version, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(releases.resolve(version).resolve("backend"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8080\n"
                + "CMD [\"python\", \"/app/app.py\"]\n");
        Files.writeString(dir.resolve("VERSION"), version + "\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
        return answer.body();
    }
}

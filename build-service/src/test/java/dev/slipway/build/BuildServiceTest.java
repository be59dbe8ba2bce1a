package dev.slipway.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.domain.StepStatus;
import dev.slipway.build.messaging.BuildWorker;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.BuiltComponent;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentSettings;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthCheckSpec;
import dev.slipway.events.PushReceived;
import dev.slipway.events.Topics;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The service end to end: pushes of real git repositories in, real builds, events on the real broker.
 * Proves FR-002 (tests gate the release), FR-011 (coverage gate), FR-013 (version and commit stamped into the
 * build), FR-014 (build logs readable afterwards, and followed live), FR-009 (no credentials in logs or events),
 * FR-005 (each environment's own settings travel with its build) and FR-010 (migrations travel to the deploy).
 */
@QuarkusTest
class BuildServiceTest {
    private static final Duration BUILD = Duration.ofSeconds(90);

    static EventProbe probe;

    @TempDir
    static Path repos;

    @Inject
    BuildWorker worker;

    @TestHTTPResource("/api/")
    URI api;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void aPushIsTestedBuiltAndItsArtifactsStored() throws Exception {
        String app = "build-ok";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        SampleApps.api(repo);
        repo.write("slipway.yml", """
                app: %s
                components:
                  web:
                    kind: static
                    path: web
                    test: %s
                    coverage: { report: coverage/lcov.info }
                    build: node build.js
                    output: dist
                    health: { path: /, status: 200 }
                  api:
                    kind: service
                    path: api
                    test: node --test
                    run: node server.js
                    port: 8000
                    health: { path: /health }
                environments:
                  production: { branch: main }
                """.formatted(app, SampleApps.NODE_TEST));
        String sha = repo.commit("first release");
        Envelope<PushReceived> push = push(app, repo, sha);

        probe.publish(push);

        Envelope<BuildSucceeded> succeeded = success(app);
        Envelope<BuildStarted> started = probe.await(EventType.BUILD_STARTED, (Envelope<BuildStarted> e) -> e.data().app().equals(app));
        assertThat(buildEvents(app)).extracting(Envelope::type)
                .containsExactly(EventType.BUILD_STARTED, EventType.BUILD_SUCCEEDED);
        long number = started.data().buildNumber();
        assertThat(succeeded.data().buildNumber()).isEqualTo(number);
        for (Envelope<?> event : List.of(started, succeeded)) {
            assertThat(event.metadata().causationId()).isEqualTo(push.metadata().id());
            assertThat(event.metadata().correlationId()).isEqualTo(push.metadata().correlationId());
            assertThat(event.metadata().commitSha()).isEqualTo(sha);
            assertThat(event.metadata().subject()).isEqualTo(app + "/production");
            assertThat(event.metadata().source().toString()).isEqualTo("/slipway/build-service");
        }
        assertThat(started.data()).isEqualTo(new BuildStarted(app, "production", number, "acme/" + app, "main"));

        List<BuiltComponent> components = succeeded.data().components();
        assertThat(components).extracting(BuiltComponent::name).containsExactly("web", "api");
        BuiltComponent web = components.get(0);
        assertThat(web.kind()).isEqualTo("static");
        assertThat(web.coverage()).isEqualTo(100.0);
        assertThat(web.health()).isEqualTo(new HealthCheckSpec("/", 200));
        BuiltComponent api = components.get(1);
        assertThat(api.kind()).isEqualTo("service");
        assertThat(api.coverage()).isNull();
        assertThat(api.health()).isEqualTo(new HealthCheckSpec("/health", 200));

        byte[] zip = given().get("/api/artifacts/{digest}", web.artifactDigest())
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip))).isEqualTo(web.artifactDigest());
        assertThat((long) zip.length).isEqualTo(web.artifactSize());
        Map<String, String> files = unzip(zip);
        assertThat(files).containsOnlyKeys("build-info.json", "index.html");
        assertThat(files.get("build-info.json")).contains("\"commit\":\"" + sha + "\"", "\"version\":\"" + number + "\"",
                "\"buildNumber\":\"" + number + "\"", "\"app\":\"" + app + "\"", "\"environment\":\"production\"", "\"branch\":\"main\"");
        assertThat(files.get("index.html")).contains("Hello, shop");
        Map<String, String> apiFiles = unzip(given().get("/api/artifacts/{digest}", api.artifactDigest())
                .then().statusCode(200).extract().asByteArray());
        assertThat(apiFiles).containsKeys("server.js", "test/server.test.js");

        given().get("/api/builds/{n}", number).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("app", equalTo(app))
                .body("environment", equalTo("production"))
                .body("commitSha", equalTo(sha))
                .body("failure", equalTo(null))
                .body("steps.step", equalTo(List.of("clone", "config", "test", "coverage", "build", "package", "test", "package")))
                .body("steps.component", equalTo(Arrays.asList(null, null, "web", "web", "web", "web", "api", "api")))
                .body("steps.status", equalTo(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED")))
                .body("steps[2].exitCode", equalTo(0))
                .body("components[0].artifactDigest", equalTo(web.artifactDigest()));
        given().get("/api/builds/{n}/log", number).then().statusCode(200).contentType(ContentType.TEXT)
                .body(containsString("=== web test: succeeded, exit code 0"))
                .body(containsString("greets by name"))
                .body(containsString("=== web coverage: succeeded"))
                .body(containsString("built dist/ for " + sha));
        given().get("/api/builds?app={app}", app).then().statusCode(200)
                .body("number", equalTo(List.of((int) number)));
        Path workspace = Path.of("target/build-data/workspaces/" + number);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(workspace));
    }

    @Test
    void failingTestsFailTheBuildWithTheExitCodeAndTheEndOfTheLog() throws Exception {
        String app = "build-red";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("web/test/lib.test.js", """
                'use strict';
                const test = require('node:test');
                const assert = require('node:assert');
                const { greet } = require('../lib.js');

                test('greets politely', () => {
                  assert.strictEqual(greet('shop'), 'Good day, shop');
                });
                """);
        repo.write("slipway.yml", webOnly(app, "test: " + SampleApps.NODE_TEST, "coverage: { report: coverage/lcov.info }"));
        String sha = repo.commit("change greeting test");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("test");
        assertThat(failed.component()).isEqualTo("web");
        assertThat(failed.reason()).startsWith("test of web failed with exit code 1");
        assertThat(failed.logTail()).hasSizeLessThanOrEqualTo(20).anyMatch(line -> line.contains("- 'Good day, shop'"));
        assertThat(buildEvents(app)).extracting(Envelope::type).doesNotContain(EventType.BUILD_SUCCEEDED);
        given().get("/api/builds/{n}", failed.buildNumber()).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failure.step", equalTo("test"))
                .body("failure.component", equalTo("web"))
                .body("steps[2].status", equalTo("FAILED"))
                .body("steps[2].exitCode", equalTo(1))
                .body("steps.size()", equalTo(3));
        given().get("/api/builds/{n}/log", failed.buildNumber()).then().statusCode(200)
                .body(containsString("ℹ fail 1"));
    }

    @Test
    void coverageUnderTheThresholdFailsTheBuildNamingBothFigures() throws Exception {
        String app = "build-low";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.partlyTestedWeb(repo);
        repo.write("slipway.yml", webOnly(app, "test: " + SampleApps.NODE_TEST, "coverage: { report: coverage/lcov.info, min: 90 }"));
        String sha = repo.commit("price module");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("coverage");
        assertThat(failed.component()).isEqualTo("web");
        assertThat(failed.reason()).isEqualTo("coverage of web is 75 % of lines, under the threshold of 90 %");
        assertThat(failed.logTail()).anyMatch(line -> line.contains("all files") && line.contains("75.00"));
    }

    @Test
    void coverageDefaultsToSeventyPercentAndAMissingReportIsNamed() throws Exception {
        String app = "build-noreport";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "test: node --test", "coverage: { report: coverage/lcov.info }"));
        String sha = repo.commit("tests without coverage");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("coverage");
        assertThat(failed.reason()).isEqualTo("coverage report of web not found at web/coverage/lcov.info: the test command must write it there");
    }

    @Test
    void anInvalidSlipwayYmlFailsTheBuildNamingTheLine() throws Exception {
        String app = "build-badyml";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", """
                app: %s
                components:
                  web:
                    kind: static
                    path: web
                    tset: node --test
                environments:
                  production: { branch: main }
                """.formatted(app));
        String sha = repo.commit("typo");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("config");
        assertThat(failed.component()).isNull();
        assertThat(failed.reason()).startsWith("slipway.yml line 6: unknown key 'tset'");
        assertThat(failed.logTail()).contains(">   6 |     tset: node --test");
    }

    @Test
    void aStepOverItsTimeoutIsStoppedAndNamed() throws Exception {
        String app = "build-slow";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "test: echo waiting; sleep 120", "timeout: 2s"));
        String sha = repo.commit("hanging test");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("test");
        assertThat(failed.reason()).startsWith("test of web exceeded its timeout of 2s and was stopped");
        assertThat(failed.logTail()).contains("waiting", "[stopped after 2s: the timeout of this step]");
    }

    @Test
    void aMissingOutputFolderFailsThePackageStep() throws Exception {
        String app = "build-nodist";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "build: echo nothing to build"));
        String sha = repo.commit("no build output");

        probe.publish(push(app, repo, sha));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("package");
        assertThat(failed.reason()).startsWith("output folder web/dist of web does not exist after the build");
    }

    @Test
    void aCommitThatIsNotInTheRepositoryFailsTheCloneStep() throws Exception {
        String app = "build-nocommit";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "build: node build.js"));
        repo.commit("one");
        String unknown = "0123456789abcdef0123456789abcdef01234567";

        probe.publish(push(app, repo, unknown));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("clone");
        assertThat(failed.component()).isNull();
        assertThat(failed.reason()).isEqualTo("git checkout of commit " + unknown + " from " + repo.cloneUrl() + " failed with exit code 128");
        assertThat(failed.logTail()).anyMatch(line -> line.contains("reference is not a tree"));
    }

    @Test
    void credentialsInTheCloneUrlReachNeitherEventsNorLogs() throws Exception {
        String app = "build-secret";
        // port 1 on this machine refuses at once: the clone fails, and says so, without the password
        GitRepo repo = GitRepo.cloneUrl("https://deploy:s3cr3t-T0ken@127.0.0.1:1/acme/shop.git");

        probe.publish(push(app, repo, "0123456789abcdef0123456789abcdef01234567"));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("clone");
        assertThat(failed.reason()).isEqualTo("git clone of https://***@127.0.0.1:1/acme/shop.git failed with exit code 128");
        assertThat(String.join("\n", failed.logTail())).isNotBlank().doesNotContain("s3cr3t");
        String log = given().get("/api/builds/{n}/log", failed.buildNumber()).then().statusCode(200).extract().asString();
        assertThat(log).contains("https://***@127.0.0.1:1/acme/shop.git").doesNotContain("s3cr3t");
        assertThat(given().get("/api/builds/{n}", failed.buildNumber()).then().statusCode(200).extract().asString())
                .doesNotContain("s3cr3t");
    }

    @Test
    void aRedeliveredPushIsBuiltOnce() throws Exception {
        String app = "build-twice";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "build: node build.js"));
        String first = repo.commit("one");
        repo.write("web/lib.js", "module.exports = { greet: (n) => 'Hi, ' + n };\n");
        String second = repo.commit("two");
        Envelope<PushReceived> push = push(app, repo, first);
        Envelope<PushReceived> next = push(app, repo, second);

        probe.publish(push);
        probe.publish(push);
        probe.publish(next);

        // one partition per app/environment: once the next push is built, both copies of the first were handled
        probe.await(EventType.BUILD_SUCCEEDED, (Envelope<BuildSucceeded> e) -> e.metadata().causationId().equals(next.metadata().id()), BUILD);
        probe.await(EventType.BUILD_SUCCEEDED, (Envelope<BuildSucceeded> e) -> e.metadata().causationId().equals(push.metadata().id()), BUILD);
        assertThat(buildEvents(app)).filteredOn(e -> e.type() == EventType.BUILD_STARTED)
                .extracting(e -> e.metadata().causationId())
                .containsExactlyInAnyOrder(push.metadata().id(), next.metadata().id());
        given().get("/api/builds?app={app}", app).then().statusCode(200)
                .body("commitSha", equalTo(List.of(second, first)));
    }

    @Test
    void aRunningBuildKeepsItsHeartbeatFresh() throws Exception {
        String app = "build-beat";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "test: sleep 4", "build: node build.js"));
        String sha = repo.commit("slow tests");

        probe.publish(push(app, repo, sha));

        long number = probe.<BuildStarted>await(EventType.BUILD_STARTED, e -> e.data().app().equals(app), BUILD).data().buildNumber();
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            BuildJob job = BuildJob.findById(number);
            return job.status == BuildStatus.RUNNING && job.heartbeatAt.isAfter(job.startedAt.plusSeconds(1));
        }));
        success(app);
    }

    @Test
    void aBuildWhoseWorkerWentSilentIsRequeuedOnceThenFailed() throws Exception {
        String app = "build-stale";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        repo.write("slipway.yml", webOnly(app, "build: node build.js"));
        String sha = repo.commit("one");
        long resumed = staleRunningBuild(app, repo, sha, 1);
        long abandoned = staleRunningBuild(app, repo, sha, 2);

        worker.sweepStale();

        Envelope<BuildSucceeded> succeeded = probe.await(EventType.BUILD_SUCCEEDED,
                (Envelope<BuildSucceeded> e) -> e.data().buildNumber() == resumed, BUILD);
        assertThat(succeeded.data().components()).hasSize(1);
        BuildFailed failed = probe.<BuildFailed>await(EventType.BUILD_FAILED, e -> e.data().buildNumber() == abandoned, BUILD).data();
        assertThat(failed.step()).isEqualTo("test");
        assertThat(failed.component()).isEqualTo("web");
        assertThat(failed.reason()).contains("no heartbeat for over 60 s", "during test of web", "push again");
        // the started announcement was made by the lost attempt and is not repeated
        assertThat(buildEvents(app)).noneMatch(e -> e.type() == EventType.BUILD_STARTED);
        given().get("/api/builds/{n}", resumed).then().body("status", equalTo("SUCCEEDED")).body("attempts", equalTo(2));
        given().get("/api/builds/{n}", abandoned).then().body("status", equalTo("FAILED"))
                .body("steps[0].status", equalTo("FAILED"));
    }

    @Test
    void aRunningBuildsLogIsFollowedLineByLineAsItIsWritten() throws Exception {
        String app = "build-follow";
        Path go = repos.resolve(app + ".go");
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        // the second line comes only once the test has seen the first through the stream, while the step still runs
        repo.write("web/wait-for-go.sh", """
                echo first line
                while [ ! -e "$1" ]; do sleep 0.1; done
                echo second line
                """);
        repo.write("slipway.yml", webOnly(app, "test: sh wait-for-go.sh " + go, "build: node build.js", "timeout: 60s"));
        String sha = repo.commit("a test that waits");

        probe.publish(push(app, repo, sha));

        long number = probe.<BuildStarted>await(EventType.BUILD_STARTED, e -> e.data().app().equals(app), BUILD).data().buildNumber();
        SseStream log = new SseStream(api.resolve("builds/" + number + "/log?follow=true"));
        await().atMost(BUILD).until(() -> log.events().contains(new SseStream.Event(null, "first line")));
        assertThat(log.events()).doesNotContain(new SseStream.Event(null, "second line"));
        assertThat(log.contentType()).startsWith(MediaType.SERVER_SENT_EVENTS);
        given().get("/api/builds/{n}/log", number).then().statusCode(200).contentType(ContentType.TEXT)
                .body(containsString("=== web test: running ===\n$ sh wait-for-go.sh " + go + "\nfirst line\n"));
        Files.createFile(go);

        await().atMost(BUILD).until(log::closed);
        log.join();
        List<SseStream.Event> events = log.events();
        assertThat(events).containsSubsequence(
                new SseStream.Event("step", "clone"),
                new SseStream.Event("step", "config"),
                new SseStream.Event("step", "web test"),
                new SseStream.Event(null, "first line"),
                new SseStream.Event(null, "second line"),
                new SseStream.Event("step", "web build"),
                new SseStream.Event("step", "web package"));
        assertThat(events).filteredOn(e -> "first line".equals(e.data())).hasSize(1);
        assertThat(events.get(events.size() - 1)).isEqualTo(new SseStream.Event("end", "SUCCEEDED"));
        success(app);
    }

    /** A static site and a service, each with a migration, and two environments with settings of their own. */
    private static String withSettings(String app, String previews) {
        return """
                app: %s
                components:
                  web:
                    kind: static
                    path: web
                    migrate: node seed.js
                  api:
                    kind: service
                    path: api
                    run: node server.js
                    route: /shop-api
                    migrate: node migrate.js --to latest
                    health: { path: /health }
                  worker:
                    kind: service
                    path: api
                    run: node worker.js
                environments:
                  production:
                    branch: main
                    requires: staging
                    variables:
                      LOG_LEVEL: info
                      MAX_ITEMS: 25
                    health:
                      worker: { path: /ready, status: 204 }
                  staging:
                    branch: staging
                    variables: { LOG_LEVEL: debug }
                previews: %s
                """.formatted(app, previews);
    }

    private static GitRepo repoWithSettings(String app, String previews) throws Exception {
        GitRepo repo = GitRepo.init(repos.resolve(app));
        SampleApps.web(repo);
        SampleApps.api(repo);
        repo.write("slipway.yml", withSettings(app, previews));
        return repo;
    }

    @Test
    void theEnvironmentsSettingsAndEachComponentsDeployCommandsReachBuildSucceeded() throws Exception {
        // FR-005: each environment its own configuration; FR-010: migrations run before the backend deploys
        String app = "build-settings";
        GitRepo repo = repoWithSettings(app, "{ variables: { LOG_LEVEL: trace } }");
        String sha = repo.commit("settings per environment");

        probe.publish(push(app, repo, sha));

        Envelope<BuildSucceeded> succeeded = success(app);
        assertThat(succeeded.data().settings()).isEqualTo(new EnvironmentSettings(
                Map.of("LOG_LEVEL", "info", "MAX_ITEMS", "25"), List.of("staging"), false));
        assertThat(succeeded.data().components())
                .extracting(BuiltComponent::name, BuiltComponent::kind, BuiltComponent::run, BuiltComponent::route,
                        BuiltComponent::migrate)
                .containsExactly(
                        tuple("web", "static", null, null, "node seed.js"),
                        tuple("api", "service", "node server.js", "/shop-api", "node migrate.js --to latest"),
                        tuple("worker", "service", "node worker.js", "/worker", null));
        // production checks the worker its own way; the api keeps its component's check
        assertThat(succeeded.data().components()).extracting(BuiltComponent::health).containsExactly(null,
                new HealthCheckSpec("/health", 200), new HealthCheckSpec("/ready", 204));
        // deploy-service is tested against the golden fixture: what is emitted must have exactly its fields
        ObjectMapper json = new ObjectMapper();
        JsonNode emitted = json.readTree(EventCodec.toStructuredJson(succeeded)).get("data");
        JsonNode golden = json.readTree(GoldenFixtures.bytes(EventType.BUILD_SUCCEEDED)).get("data");
        assertThat(fieldNames(emitted)).isEqualTo(fieldNames(golden));
        assertThat(fieldNames(emitted.get("settings"))).isEqualTo(fieldNames(golden.get("settings")));
        assertThat(fieldNames(emitted.get("components").get(1))).isEqualTo(fieldNames(golden.get("components").get(1)));
    }

    @Test
    void aPreviewBuildCarriesThePreviewsVariablesAndNoRequirements() throws Exception {
        String app = "build-preview";
        GitRepo repo = repoWithSettings(app, "{ variables: { LOG_LEVEL: trace } }");
        String sha = repo.commit("try it out");

        probe.publish(push(app, repo, sha, "feature/try-it", "preview-feature-try-it-0a1b2c", true));

        Envelope<BuildSucceeded> succeeded = success(app);
        assertThat(succeeded.data().environment()).isEqualTo("preview-feature-try-it-0a1b2c");
        assertThat(succeeded.data().settings()).isEqualTo(new EnvironmentSettings(Map.of("LOG_LEVEL", "trace"), List.of(), true));
        assertThat(succeeded.data().components()).extracting(BuiltComponent::route).containsExactly(null, "/shop-api", "/worker");
        given().get("/api/builds/{n}/log", succeeded.data().buildNumber()).then().statusCode(200)
                .body(containsString("preview environment preview-feature-try-it-0a1b2c"));
    }

    @Test
    void aPushToAnEnvironmentTheCommitNoLongerDeclaresFailsSayingSo() throws Exception {
        String app = "build-undeclared";
        GitRepo repo = repoWithSettings(app, "true");
        String sha = repo.commit("staging only");

        probe.publish(push(app, repo, sha, "qa", "qa", false));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("config");
        assertThat(failed.component()).isNull();
        assertThat(failed.reason()).isEqualTo("slipway.yml at commit " + sha.substring(0, 12)
                + " does not declare environment 'qa', which this push was to deploy to (declared: production, staging)");
    }

    @Test
    void aPreviewPushOfACommitThatTurnsPreviewsOffFailsSayingSo() throws Exception {
        String app = "build-nopreview";
        GitRepo repo = repoWithSettings(app, "false");
        String sha = repo.commit("no previews");

        probe.publish(push(app, repo, sha, "feature-x", "preview-feature-x", true));

        BuildFailed failed = failure(app);
        assertThat(failed.step()).isEqualTo("config");
        assertThat(failed.reason()).isEqualTo("slipway.yml at commit " + sha.substring(0, 12)
                + " turns previews off (previews: false), so preview environment preview-feature-x is not deployed");
    }

    @Test
    void unknownBuildsAndArtifactsAreClearErrors() {
        given().get("/api/builds/{n}", 987654321).then().statusCode(404).body("error", equalTo("no build 987654321"));
        given().get("/api/builds/{n}/log", 987654321).then().statusCode(404).body("error", equalTo("no build 987654321"));
        given().get("/api/builds/{n}/log?follow=true", 987654321).then().statusCode(404).body("error", equalTo("no build 987654321"));
        given().get("/api/builds/{n}", "latest").then().statusCode(400).body("error", containsString("whole number"));
        given().get("/api/builds?limit=0").then().statusCode(400).body("error", containsString("limit must be"));
        given().get("/api/artifacts/{d}", "sha256:" + "0".repeat(64)).then().statusCode(404)
                .body("error", equalTo("no artifact sha256:" + "0".repeat(64) + " in this store"));
        given().get("/api/artifacts/{d}", "sha256:" + "0".repeat(10)).then().statusCode(400)
                .body("error", containsString("expected sha256: followed by 64 lower-case hex digits"));
    }

    /** A PushReceived for {@code app} at a real commit to main, for production, built on the golden fixture. */
    private static Envelope<PushReceived> push(String app, GitRepo repo, String sha) {
        return push(app, repo, sha, "main", "production", false);
    }

    private static Envelope<PushReceived> push(String app, GitRepo repo, String sha, String branch, String environment,
                                               boolean preview) {
        Envelope<PushReceived> golden = GoldenFixtures.envelope(EventType.PUSH_RECEIVED);
        String id = UUID.randomUUID().toString();
        PushReceived g = golden.data();
        return new Envelope<>(new EventMetadata(id, golden.metadata().source(), OffsetDateTime.now(), app + "/" + environment,
                id, null, sha), new PushReceived(app, environment, "acme/" + app, repo.cloneUrl(), branch,
                g.commitMessage(), g.pusher(), UUID.randomUUID().toString(), preview));
    }

    private static BuildFailed failure(String app) {
        Envelope<?> end = end(app);
        assertThat(end.type()).as("how the build of %s ended: %s", app, end.data()).isEqualTo(EventType.BUILD_FAILED);
        return (BuildFailed) end.data();
    }

    @SuppressWarnings("unchecked")
    private static Envelope<BuildSucceeded> success(String app) {
        Envelope<?> end = end(app);
        assertThat(end.type()).as("how the build of %s ended: %s", app, end.data()).isEqualTo(EventType.BUILD_SUCCEEDED);
        return (Envelope<BuildSucceeded>) end;
    }

    /** What this service emitted about {@code app}, in order. */
    private static List<Envelope<?>> buildEvents(String app) {
        return probe.forApp(app).stream().filter(e -> e.type().topic().equals(Topics.BUILD)).toList();
    }

    /** The first BuildSucceeded or BuildFailed of {@code app}. */
    private static Envelope<?> end(String app) {
        return await().atMost(BUILD).pollInterval(Duration.ofMillis(50)).until(() -> buildEvents(app).stream()
                .filter(e -> e.type() == EventType.BUILD_SUCCEEDED || e.type() == EventType.BUILD_FAILED)
                .findFirst().orElse(null), Objects::nonNull);
    }

    /** slipway.yml with one static component {@code web} in {@code web/}, output {@code dist}. */
    private static String webOnly(String app, String... lines) {
        StringBuilder yaml = new StringBuilder("app: " + app + "\ncomponents:\n  web:\n    kind: static\n    path: web\n    output: dist\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.append("environments:\n  production: { branch: main }\n").toString();
    }

    /** A build as a worker that died left it: running, its heartbeat five minutes old, in its test step. */
    private static long staleRunningBuild(String app, GitRepo repo, String sha, int attempts) {
        Envelope<PushReceived> push = push(app, repo, sha);
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime then = OffsetDateTime.now().minusMinutes(5);
            BuildJob job = new BuildJob();
            job.status = BuildStatus.RUNNING;
            job.app = app;
            job.environment = "production";
            job.repository = "acme/" + app;
            job.cloneUrl = repo.cloneUrl();
            job.branch = "main";
            job.commitSha = sha;
            job.triggerEventId = push.metadata().id();
            job.triggerSource = push.metadata().source().toString();
            job.triggerTime = push.metadata().time();
            job.correlationId = push.metadata().correlationId();
            job.attempts = attempts;
            job.queuedAt = then;
            job.startedAt = then;
            job.heartbeatAt = then;
            job.persist();
            BuildStep step = new BuildStep();
            step.buildNumber = job.number;
            step.position = 1;
            step.component = "web";
            step.step = "test";
            step.status = StepStatus.RUNNING;
            step.startedAt = then;
            step.persist();
            return job.number;
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}

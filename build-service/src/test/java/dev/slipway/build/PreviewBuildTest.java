package dev.slipway.build;

import dev.slipway.build.config.BuildConfig;
import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import dev.slipway.events.BuildCancelled;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.events.TargetSettings;
import dev.slipway.standins.github.GitHubStandIn;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Pull requests and preview environments: a newer commit cancels the build it supersedes (US3: "when developer
 * pushes new commit, tests re-run"), declared environments queue every push, a fork's pull request deploys
 * without secrets, and an environment's target travels with its build.
 */
@QuarkusTest
class PreviewBuildTest {
    static EventProbe probe;

    @TempDir
    static Path repos;

    @InjectGitHub
    GitHubStandIn github;

    @Inject
    BuildConfig config;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** One static component whose test runs {@code test}; {@code environments} are appended as they are. */
    private static GitRepo site(String app, String test, String environments) throws Exception {
        GitRepo repo = GitRepo.init(repos.resolve(app));
        repo.write("web/index.html", "<h1>" + app + "</h1>\n")
                .write("slipway.yml", """
                        app: %s
                        components:
                          web:
                            kind: static
                            path: web
                            test: %s
                            timeout: 5m
                        environments:
                        %s
                        """.formatted(app, test, environments.indent(2)));
        return repo;
    }

    private static PullRequestRef pullRequest(int number, boolean fromFork) {
        return new PullRequestRef(number, "https://github.com/acme/shop/pull/" + number,
                fromFork ? "someone/shop" : "acme/shop", "feature-" + number, fromFork);
    }

    @Test
    @DisplayName("US3: a newer commit of a pull request cancels its running build, stops its processes and builds the new one")
    void aNewerCommitCancelsTheRunningBuildOfItsPullRequest() throws Exception {
        String app = "preview-cancel";
        Path pidFile = repos.resolve(app + ".pid");
        // the first commit's tests never end by themselves: only the cancel stops them
        GitRepo repo = site(app, "echo $$ > " + pidFile + "; echo testing; while true; do sleep 0.1; done",
                "production: { branch: main }");
        String first = repo.commit("slow tests");
        repo.write("slipway.yml", Files.readString(repos.resolve(app).resolve("slipway.yml"))
                .replaceFirst("test: .*", "test: echo quick tests passed"));
        String second = repo.commit("quick tests");
        PullRequestRef pr = pullRequest(12, false);
        Envelope<PushReceived> slow = Pushes.ofPullRequest(app, repo, first, pr);
        Envelope<PushReceived> quick = Pushes.ofPullRequest(app, repo, second, pr);

        probe.publish(slow);
        long cancelled = probe.<BuildStarted>await(EventType.BUILD_STARTED,
                e -> e.metadata().causationId().equals(slow.metadata().id()), Pushes.BUILD).data().buildNumber();
        await().atMost(Pushes.BUILD).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long testProcess = Long.parseLong(Files.readString(pidFile).strip());
        probe.publish(quick);

        Envelope<BuildCancelled> event = probe.await(EventType.BUILD_CANCELLED, e -> e.data().buildNumber() == cancelled, Pushes.BUILD);
        assertThat(event.data()).isEqualTo(new BuildCancelled(app, "preview-pr-12", cancelled, "acme/" + app, "feature-12",
                "pull request #12 has a newer commit, " + second, second));
        // it ends the cancelled build's run: same correlation, its own commit
        assertThat(event.metadata().correlationId()).isEqualTo(slow.metadata().correlationId());
        assertThat(event.metadata().causationId()).isEqualTo(slow.metadata().id());
        assertThat(event.metadata().commitSha()).isEqualTo(first);
        await().atMost(Pushes.BUILD).until(() -> ProcessHandle.of(testProcess).map(p -> !p.isAlive()).orElse(true));
        Envelope<?> end = Pushes.end(probe, quick);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        assertThat(succeeded.settings().withholdSecrets()).isFalse();
        assertThat(Pushes.buildEvents(probe, app)).filteredOn(e -> e.metadata().causationId().equals(slow.metadata().id()))
                .extracting(Envelope::type).containsExactly(EventType.BUILD_STARTED, EventType.BUILD_CANCELLED);
        given().get("/api/builds/{n}", cancelled).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("pullRequest", equalTo(12))
                .body("cancellation.reason", equalTo("pull request #12 has a newer commit, " + second))
                .body("cancellation.supersededBy", equalTo(second))
                .body("failure", equalTo(null))
                .body("steps.find { it.step == 'test' }.status", equalTo("CANCELLED"));
        // GitHub: what the cancelled build left pending says which commit replaced it
        List<GitHubStandIn.Status> statuses = await().atMost(Pushes.BUILD).until(() -> github.statuses("acme", app, first),
                s -> s.stream().filter(x -> x.context().equals("slipway/web")).anyMatch(x -> x.state().equals("error"))
                        && s.stream().filter(x -> x.context().equals("slipway/build")).anyMatch(x -> x.state().equals("error")));
        assertThat(statuses).filteredOn(s -> s.state().equals("error")).extracting(GitHubStandIn.Status::description)
                .containsOnly("superseded by " + second.substring(0, 7));
    }

    /**
     * Queues {@code count} production builds of their own app that run until {@code go} exists, and returns once
     * all of them run: with every worker busy, builds queued after them stay queued.
     */
    private List<Envelope<PushReceived>> occupyWorkers(String app, Path go, int count) throws Exception {
        GitRepo repo = site(app, "while [ ! -e " + go + " ]; do sleep 0.1; done", "production: { branch: main }");
        String sha = repo.commit("holds a worker");
        List<Envelope<PushReceived>> pushes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);
            pushes.add(push);
            probe.publish(push);
        }
        for (Envelope<PushReceived> push : pushes) {
            probe.await(EventType.BUILD_STARTED, e -> e.metadata().causationId().equals(push.metadata().id()), Pushes.BUILD);
        }
        return pushes;
    }

    private static BuildJob job(Envelope<PushReceived> push) {
        return QuarkusTransaction.requiringNew().call(() -> BuildJob.byTrigger(push.metadata().id()).orElse(null));
    }

    @Test
    @DisplayName("US3: a queued preview build is cancelled before it starts, and redeliveries change nothing")
    void queuedBuildsAreCancelledAndRedeliveriesChangeNothing() throws Exception {
        String app = "preview-queued";
        Path go = repos.resolve(app + ".go");
        List<Envelope<PushReceived>> busy = occupyWorkers("workers-busy", go, config.workers());
        GitRepo repo = site(app, "echo ok", "production: { branch: main }");
        String one = repo.commit("one");
        repo.write("web/index.html", "<h1>two</h1>\n");
        String two = repo.commit("two");
        repo.write("web/index.html", "<h1>three</h1>\n");
        String three = repo.commit("three");
        Envelope<PushReceived> first = Pushes.push(app, repo, one, "feature/x", "preview-feature-x", true, null);
        Envelope<PushReceived> second = Pushes.push(app, repo, two, "feature/x", "preview-feature-x", true, null);
        Envelope<PushReceived> third = Pushes.push(app, repo, three, "feature/x", "preview-feature-x", true, null);

        probe.publish(first);
        await().atMost(Pushes.BUILD).until(() -> job(first), j -> j != null && j.status == BuildStatus.QUEUED);
        probe.publish(second);
        probe.publish(first);
        probe.publish(second);
        probe.publish(third);
        // one partition per app/environment: once the third is recorded, every copy before it was handled
        await().atMost(Pushes.BUILD).until(() -> job(third), j -> j != null);
        Files.createFile(go);

        assertThat(Pushes.end(probe, third).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        for (Envelope<PushReceived> push : busy) {
            assertThat(Pushes.end(probe, push).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        }
        List<BuildJob> builds = QuarkusTransaction.requiringNew().call(() -> BuildJob.<BuildJob>list("app = ?1 order by number", app));
        assertThat(builds).extracting(b -> b.commitSha).containsExactly(one, two, three);
        assertThat(builds.get(2).status).isEqualTo(BuildStatus.SUCCEEDED);
        Map<Envelope<PushReceived>, String> replacedBy = Map.of(first, two, second, three);
        for (Envelope<PushReceived> push : List.of(first, second)) {
            BuildJob cancelled = job(push);
            assertThat(cancelled.status).isEqualTo(BuildStatus.CANCELLED);
            assertThat(cancelled.startedAt).as("build %d never started", cancelled.number).isNull();
            assertThat(cancelled.attempts).isZero();
            assertThat(QuarkusTransaction.requiringNew().call(() -> BuildStep.ofBuild(cancelled.number))).isEmpty();
            Envelope<BuildCancelled> event = probe.await(EventType.BUILD_CANCELLED,
                    e -> e.metadata().causationId().equals(push.metadata().id()), Pushes.BUILD);
            assertThat(event.data().reason()).isEqualTo("branch feature/x has a newer commit, " + replacedBy.get(push));
            assertThat(Pushes.buildEvents(probe, app)).filteredOn(e -> e.metadata().causationId().equals(push.metadata().id()))
                    .extracting(Envelope::type).containsExactly(EventType.BUILD_CANCELLED);
        }
    }

    @Test
    @DisplayName("a push of the commit a preview build is already building cancels nothing: both builds run")
    void aPushOfTheCommitUnderWayCancelsNothing() throws Exception {
        String app = "preview-same-commit";
        Path go = repos.resolve(app + ".go");
        GitRepo repo = site(app, "while [ ! -e " + go + " ]; do sleep 0.1; done", "production: { branch: main }");
        String sha = repo.commit("one");
        Envelope<PushReceived> push = Pushes.push(app, repo, sha, "feature/y", "preview-feature-y", true, null);
        // the same commit again, as another delivery: a new event
        Envelope<PushReceived> again = Pushes.push(app, repo, sha, "feature/y", "preview-feature-y", true, null);

        probe.publish(push);
        probe.<BuildStarted>await(EventType.BUILD_STARTED, e -> e.metadata().causationId().equals(push.metadata().id()), Pushes.BUILD);
        probe.publish(again);
        await().atMost(Pushes.BUILD).until(() -> job(again), j -> j != null);

        // the push was handled in one transaction: had it cancelled the build, that would show already
        assertThat(job(push).status).isEqualTo(BuildStatus.RUNNING);
        Files.createFile(go);
        assertThat(Pushes.end(probe, push).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        assertThat(Pushes.end(probe, again).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        assertThat(Pushes.buildEvents(probe, app)).noneMatch(e -> e.type() == EventType.BUILD_CANCELLED);
    }

    @Test
    @DisplayName("a declared environment's pushes are never cancelled: each one builds")
    void productionPushesQueueAndAreNotCancelled() throws Exception {
        String app = "prod-queue";
        Path go = repos.resolve(app + ".go");
        GitRepo repo = site(app, "while [ ! -e " + go + " ]; do sleep 0.1; done", "production: { branch: main }");
        String one = repo.commit("one");
        repo.write("web/index.html", "<h1>two</h1>\n");
        String two = repo.commit("two");
        Envelope<PushReceived> first = Pushes.toProduction(app, repo, one);
        Envelope<PushReceived> second = Pushes.toProduction(app, repo, two);

        probe.publish(first);
        probe.<BuildStarted>await(EventType.BUILD_STARTED, e -> e.metadata().causationId().equals(first.metadata().id()), Pushes.BUILD);
        probe.publish(second);
        await().atMost(Pushes.BUILD).until(() -> QuarkusTransaction.requiringNew().call(() -> BuildJob.count("app", app)) == 2);
        Files.createFile(go);

        assertThat(Pushes.end(probe, first).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        assertThat(Pushes.end(probe, second).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        assertThat(Pushes.buildEvents(probe, app)).noneMatch(e -> e.type() == EventType.BUILD_CANCELLED);
    }

    @Test
    @DisplayName("FR-009: a fork's pull request is built without secrets and its deploy is told to withhold them")
    void aForksPullRequestWithholdsSecrets() throws Exception {
        String app = "preview-fork";
        // the build's commands see no secret of the service: only a few harmless variables reach them
        GitRepo repo = site(app, "env | sort > env.txt; cat env.txt", "production: { branch: main }");
        String sha = repo.commit("a contribution");
        Envelope<PushReceived> push = Pushes.ofPullRequest(app, repo, sha, pullRequest(7, true));

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        assertThat(succeeded.settings().withholdSecrets()).isTrue();
        assertThat(succeeded.settings().preview()).isTrue();
        String log = given().get("/api/builds/{n}/log", succeeded.buildNumber()).then().statusCode(200).extract().asString();
        assertThat(log).contains("SLIPWAY_COMMIT_SHA=" + sha).doesNotContain("slipway.build.github.token",
                GitHubResource.TOKEN, "JAVA_HOME=", "MAVEN");
    }

    @Test
    @DisplayName("an environment's target (Netlify site, Hugging Face Space) travels with its build")
    void theTargetIsCarriedIntoBuildSucceeded() throws Exception {
        String app = "build-target";
        GitRepo repo = GitRepo.init(repos.resolve(app));
        repo.write("web/index.html", "<h1>shop</h1>\n")
                .write("api/server.js", "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n")
                .write("slipway.yml", """
                        app: %s
                        components:
                          web: { kind: static, path: web }
                          api: { kind: service, path: api, run: node server.js }
                        environments:
                          production:
                            branch: main
                            target:
                              netlify: { site: shop-prod }
                              huggingface: { space: acme/shop-api, token-secret: HF_DEPLOY_TOKEN }
                        """.formatted(app));
        String sha = repo.commit("to the cloud");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        BuildSucceeded succeeded = (BuildSucceeded) end.data();
        assertThat(succeeded.settings().target()).isEqualTo(new TargetSettings(
                new TargetSettings.Netlify("shop-prod", "NETLIFY_AUTH_TOKEN"),
                new TargetSettings.HuggingFace("acme/shop-api", "HF_DEPLOY_TOKEN")));
        assertThat(succeeded.settings().withholdSecrets()).isFalse();
    }
}

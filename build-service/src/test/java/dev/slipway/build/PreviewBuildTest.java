package dev.slipway.build;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.persistence.BuildJob;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    @DisplayName("a queued preview build is cancelled too, redeliveries change nothing, and the newest commit builds")
    void queuedBuildsAreCancelledAndRedeliveriesChangeNothing() throws Exception {
        String app = "preview-queued";
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
        probe.publish(second);
        probe.publish(first);
        probe.publish(second);
        probe.publish(third);

        // one partition per app/environment: once the third is built, every copy before it was handled
        assertThat(Pushes.end(probe, third).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        List<Envelope<?>> cancellations = Pushes.buildEvents(probe, app).stream()
                .filter(e -> e.type() == EventType.BUILD_CANCELLED).toList();
        assertThat(cancellations).allSatisfy(e -> assertThat(((BuildCancelled) e.data()).reason())
                .startsWith("branch feature/x has a newer commit, "));
        List<BuildJob> builds = QuarkusTransaction.requiringNew().call(() -> BuildJob.<BuildJob>list("app = ?1 order by number", app));
        assertThat(builds).extracting(b -> b.commitSha).containsExactly(one, two, three);
        assertThat(builds.get(2).status).isEqualTo(BuildStatus.SUCCEEDED);
        // each of the first two ended once: built before the next push came, or cancelled by it, never both
        for (BuildJob older : builds.subList(0, 2)) {
            long endings = Pushes.buildEvents(probe, app).stream().filter(e -> e.type() != EventType.BUILD_STARTED)
                    .filter(e -> e.metadata().commitSha().equals(older.commitSha)).count();
            assertThat(endings).as("events ending build %d", older.number).isEqualTo(1);
            assertThat(older.status).isIn(BuildStatus.CANCELLED, BuildStatus.SUCCEEDED);
        }
        assertThat(cancellations).hasSize((int) builds.stream().filter(b -> b.status == BuildStatus.CANCELLED).count());
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

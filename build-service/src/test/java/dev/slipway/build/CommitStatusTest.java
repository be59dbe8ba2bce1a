package dev.slipway.build;

import dev.slipway.build.domain.CommitState;
import dev.slipway.build.domain.StatusDelivery;
import dev.slipway.build.persistence.QueuedStatus;
import dev.slipway.events.BuildFailed;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PushReceived;
import dev.slipway.standins.github.GitHubStandIn;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every build sets commit statuses on GitHub, so branch protection can hold a pull request until its tests pass
 * (FR-002, US3). Against the GitHub stand-in, which checks each request against GitHub's published description.
 */
@QuarkusTest
class CommitStatusTest {
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

    /** A static site and a service, each tested by a plain command; the site's lcov report is committed. */
    private static GitRepo twoComponents(String app, int linesHit) throws Exception {
        GitRepo repo = GitRepo.init(repos.resolve(app));
        repo.write("web/index.html", "<h1>shop</h1>\n")
                .write("web/coverage/lcov.info", "TN:\nSF:lib.js\nLF:13\nLH:" + linesHit + "\nend_of_record\n")
                .write("api/server.js", "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);\n")
                .write("slipway.yml", """
                        app: %s
                        components:
                          web:
                            kind: static
                            path: web
                            test: echo 13 tests passed
                            coverage: { report: coverage/lcov.info }
                          api:
                            kind: service
                            path: api
                            test: echo 4 tests passed
                            run: node server.js
                        environments:
                          production: { branch: main }
                        """.formatted(app));
        return repo;
    }

    /** The states GitHub holds for each context of the commit, in the order they were set. */
    private Map<String, List<GitHubStandIn.Status>> byContext(String app, String sha) {
        return github.statuses("acme", app, sha).stream()
                .collect(Collectors.groupingBy(GitHubStandIn.Status::context, Collectors.toList()));
    }

    private Map<String, List<GitHubStandIn.Status>> awaitFinal(String app, String sha, List<String> contexts) {
        return await().atMost(Pushes.BUILD).until(() -> byContext(app, sha), statuses -> contexts.stream().allMatch(c ->
                statuses.containsKey(c) && !statuses.get(c).get(statuses.get(c).size() - 1).state().equals("pending")));
    }

    private static List<String> states(List<GitHubStandIn.Status> statuses) {
        return statuses.stream().map(GitHubStandIn.Status::state).toList();
    }

    @Test
    @DisplayName("FR-002: pending when the build starts, then success per component, each linking to the build's log")
    void aPassingBuildGoesFromPendingToSuccessPerComponent() throws Exception {
        String app = "status-ok";
        GitRepo repo = twoComponents(app, 12);
        String sha = repo.commit("all green");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        assertThat(end.type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        long number = ((BuildSucceeded) end.data()).buildNumber();
        Map<String, List<GitHubStandIn.Status>> statuses = awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        assertThat(statuses).containsOnlyKeys("slipway/build", "slipway/web", "slipway/api");
        statuses.values().forEach(s -> assertThat(states(s)).containsExactly("pending", "success"));
        assertThat(statuses.get("slipway/web").get(1).description()).isEqualTo("tests passed, coverage 92.31 %");
        assertThat(statuses.get("slipway/api").get(1).description()).isEqualTo("tests passed");
        assertThat(statuses.get("slipway/build").get(1).description()).isEqualTo("build #" + number + " passed: 2 components tested and built");
        assertThat(statuses.values().stream().flatMap(List::stream)).allSatisfy(s ->
                assertThat(s.targetUrl()).isEqualTo("http://localhost:8082/api/builds/" + number + "/log"));
        assertThat(github.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-002: a coverage failure fails its component with both figures, and the build with it")
    void aCoverageFailureIsAFailureWithTheReason() throws Exception {
        String app = "status-low";
        GitRepo repo = twoComponents(app, 8);
        String sha = repo.commit("fewer tests");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        assertThat(Pushes.end(probe, push).data()).isInstanceOf(BuildFailed.class);
        Map<String, List<GitHubStandIn.Status>> statuses = awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        GitHubStandIn.Status web = statuses.get("slipway/web").get(statuses.get("slipway/web").size() - 1);
        assertThat(web.state()).isEqualTo("failure");
        assertThat(web.description()).isEqualTo("coverage 61.54 % is under 70 %");
        assertThat(states(statuses.get("slipway/api"))).containsExactly("pending", "error");
        assertThat(statuses.get("slipway/api").get(1).description()).isEqualTo("not built: the build stopped at web (coverage)");
        assertThat(states(statuses.get("slipway/build"))).containsExactly("pending", "failure");
        assertThat(statuses.get("slipway/build").get(1).description()).isEqualTo("web coverage: coverage 61.54 % is under 70 %");
    }

    @Test
    @DisplayName("a GitHub outage (503) is retried and the status still arrives; the build is not held up")
    void anOutageIsRetried() throws Exception {
        String app = "status-outage";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("while GitHub is down");
        github.failNextFor(sha, 1, 503);
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        assertThat(Pushes.end(probe, push).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        Map<String, List<GitHubStandIn.Status>> statuses = awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        // the first request, slipway/build pending, was answered 503 and sent again
        assertThat(states(statuses.get("slipway/build"))).containsExactly("pending", "success");
        assertThat(requestsFor(sha)).first().isEqualTo(503);
        assertThat(requestsFor(sha)).filteredOn(s -> s == 503).hasSize(1);
        assertThat(awaitDelivered(sha)).containsEntry(StatusDelivery.SENT, 6L).doesNotContainKey(StatusDelivery.FAILED);
    }

    @Test
    @DisplayName("a status GitHub refuses (422) is not retried, is logged, and the build goes on")
    void aRefusalIsNotRetried() throws Exception {
        String app = "status-refused";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("a commit GitHub does not know");
        github.failNextFor(sha, 1, 422);
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        assertThat(Pushes.end(probe, push).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        Map<String, List<GitHubStandIn.Status>> statuses = awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        assertThat(states(statuses.get("slipway/build"))).containsExactly("success");
        assertThat(requestsFor(sha)).filteredOn(s -> s == 422).hasSize(1);
        List<QueuedStatus> refused = QuarkusTransaction.requiringNew().call(() -> QueuedStatus.<QueuedStatus>list(
                "commitSha = ?1 and delivery = ?2", sha, StatusDelivery.FAILED));
        assertThat(refused).singleElement().satisfies(s -> {
            assertThat(s.context).isEqualTo("slipway/build");
            assertThat(s.attempts).isEqualTo(1);
            assertThat(s.lastError).startsWith("GitHub answered 422: No commit found for SHA").contains("GitHub will not take this status");
        });
    }

    @Test
    @DisplayName("a rate limit holds back every status until GitHub's reset: it is met once, not once per queued status")
    void aRateLimitIsWaitedOutOnceForAllStatuses() throws Exception {
        String app = "status-limited";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("while the token is limited");
        github.rateLimitFor(sha, Duration.ofSeconds(2));
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);

        probe.publish(push);

        assertThat(Pushes.end(probe, push).type()).isEqualTo(EventType.BUILD_SUCCEEDED);
        Map<String, List<GitHubStandIn.Status>> statuses = awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        statuses.values().forEach(s -> assertThat(states(s)).containsExactly("pending", "success"));
        // the first request met the limit; nothing was sent until it reset, so no other request met it
        assertThat(requestsFor(sha)).first().isEqualTo(403);
        assertThat(requestsFor(sha)).filteredOn(s -> s == 403).hasSize(1);
        assertThat(awaitDelivered(sha)).containsOnlyKeys(StatusDelivery.SENT);
        List<QueuedStatus> rows = QuarkusTransaction.requiringNew().call(() -> QueuedStatus.<QueuedStatus>list(
                "commitSha = ?1 order by id", sha));
        assertThat(rows).allSatisfy(r -> assertThat(r.delivery).isEqualTo(StatusDelivery.SENT));
        assertThat(rows).extracting(r -> r.attempts).containsExactly(2, 1, 1, 1, 1, 1);
    }

    @Test
    @DisplayName("a status that cannot be sent at all (no commit SHA) fails at once, naming why, and holds up nothing")
    void aStatusThatCannotBeSentFailsAtOnce() throws Exception {
        String app = "status-unsendable";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("fine");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);
        probe.publish(push);
        long number = ((BuildSucceeded) Pushes.end(probe, push).data()).buildNumber();
        awaitFinal(app, sha, List.of("slipway/build"));

        // a row as an older version of the service could have queued it, and a good one after it
        long bad = QuarkusTransaction.requiringNew().call(() -> queue(number, "acme/" + app, "not-a-sha", "slipway/check", 0).id);
        long good = QuarkusTransaction.requiringNew().call(() -> queue(number, "acme/" + app, sha, "slipway/after", 0).id);

        QueuedStatus failed = await().atMost(Pushes.BUILD).until(() -> QuarkusTransaction.requiringNew().call(() ->
                QueuedStatus.<QueuedStatus>findById(bad)), r -> r.delivery != StatusDelivery.QUEUED);
        assertThat(failed.delivery).isEqualTo(StatusDelivery.FAILED);
        assertThat(failed.lastError).isEqualTo("not sent: 'not-a-sha' is not a commit SHA");
        assertThat(failed.attempts).as("no request was made").isZero();
        await().atMost(Pushes.BUILD).until(() -> QuarkusTransaction.requiringNew().call(() ->
                QueuedStatus.<QueuedStatus>findById(good).delivery), d -> d == StatusDelivery.SENT);
        assertThat(github.statuses("acme", app, sha)).anyMatch(st -> st.context().equals("slipway/after"));
    }

    @Test
    @DisplayName("a build of a commit id that is not a full SHA queues no statuses, and its log says why")
    void aBuildOfAnAbbreviatedCommitQueuesNoStatuses() throws Exception {
        String app = "status-short-sha";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("named short");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha.substring(0, 12));

        probe.publish(push);

        Envelope<?> end = Pushes.end(probe, push);
        long number = end.data() instanceof BuildSucceeded s ? s.buildNumber() : ((BuildFailed) end.data()).buildNumber();
        assertThat(QuarkusTransaction.requiringNew().call(() -> QueuedStatus.ofBuild(number))).isEmpty();
        String log = given().get("/api/builds/{n}/log", number).then().statusCode(200).extract().asString();
        assertThat(log).contains("commit statuses: '" + sha.substring(0, 12) + "' is not a full commit SHA");
    }

    @Test
    @DisplayName("sent and failed statuses are deleted once older than the retention; queued ones are kept")
    void oldStatusesArePurged() throws Exception {
        String app = "status-purged";
        GitRepo repo = twoComponents(app, 13);
        String sha = repo.commit("long ago");
        Envelope<PushReceived> push = Pushes.toProduction(app, repo, sha);
        probe.publish(push);
        long number = ((BuildSucceeded) Pushes.end(probe, push).data()).buildNumber();
        awaitFinal(app, sha, List.of("slipway/build", "slipway/web", "slipway/api"));
        awaitDelivered(sha);
        OffsetDateTime longAgo = OffsetDateTime.now().minusDays(8);
        long queued = QuarkusTransaction.requiringNew().call(() -> {
            QueuedStatus.update("queuedAt = ?1 where buildNumber = ?2", longAgo, number);
            QueuedStatus failed = queue(number, "acme/" + app, sha, "slipway/refused", 1);
            failed.delivery = StatusDelivery.FAILED;
            failed.queuedAt = longAgo;
            // due in a day: the sender leaves it alone while this test looks
            QueuedStatus waiting = queue(number, "acme/" + app, sha, "slipway/waiting", 0);
            waiting.queuedAt = longAgo;
            waiting.nextAttemptAt = OffsetDateTime.now().plusDays(1);
            return waiting.id;
        });

        long removed = QuarkusTransaction.requiringNew().call(() -> QueuedStatus.purgeDone(OffsetDateTime.now().minusDays(7)));

        assertThat(removed).isGreaterThanOrEqualTo(7);
        assertThat(QuarkusTransaction.requiringNew().call(() -> QueuedStatus.ofBuild(number)))
                .extracting(r -> r.id).containsExactly(queued);
        QuarkusTransaction.requiringNew().run(() -> QueuedStatus.deleteById(queued));
    }

    /** A status row as {@link dev.slipway.build.messaging.CommitStatuses} writes it, due now. */
    private static QueuedStatus queue(long number, String repository, String sha, String context, int attempts) {
        QueuedStatus row = new QueuedStatus();
        row.buildNumber = number;
        row.repository = repository;
        row.commitSha = sha;
        row.context = context;
        row.state = CommitState.SUCCESS;
        row.description = "checked";
        row.targetUrl = "http://localhost:8082/api/builds/" + number + "/log";
        row.delivery = StatusDelivery.QUEUED;
        row.attempts = attempts;
        row.nextAttemptAt = OffsetDateTime.now();
        row.queuedAt = OffsetDateTime.now();
        row.persist();
        return row;
    }

    private List<Integer> requestsFor(String sha) {
        return github.received().stream().filter(r -> r.path().endsWith("/statuses/" + sha))
                .map(GitHubStandIn.Received::status).toList();
    }

    /** How the statuses of a commit ended, once none is queued: GitHub may hold one before it is recorded sent. */
    private static Map<StatusDelivery, Long> awaitDelivered(String sha) {
        return await().atMost(Pushes.BUILD).until(() -> delivered(sha), d -> !d.containsKey(StatusDelivery.QUEUED));
    }

    private static Map<StatusDelivery, Long> delivered(String sha) {
        return QuarkusTransaction.requiringNew().call(() -> QueuedStatus.<QueuedStatus>list("commitSha", sha).stream()
                .collect(Collectors.groupingBy(s -> s.delivery, Collectors.counting())));
    }
}

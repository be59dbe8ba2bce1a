package dev.slipway.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.ingest.GitRepo;
import dev.slipway.ingest.domain.DeliveryOutcome;
import dev.slipway.platform.persistence.OutboxMessage;
import dev.slipway.spec.PipelineSpec;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.slipway.ingest.api.Deliveries.closed;
import static dev.slipway.ingest.api.Deliveries.newDeliveryId;
import static dev.slipway.ingest.api.Deliveries.pullRequest;
import static dev.slipway.ingest.api.Deliveries.push;
import static dev.slipway.ingest.api.Deliveries.recorded;
import static dev.slipway.ingest.api.Deliveries.register;
import static dev.slipway.ingest.api.Deliveries.send;
import static dev.slipway.ingest.api.Deliveries.sendSigned;
import static dev.slipway.ingest.api.Deliveries.withAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * GitHub pull_request deliveries: an opened or updated pull request runs the tests and deploys its preview before it
 * is merged (FR-002, US3: tests run on pull requests so that main stays stable), and closing it tears the preview
 * down. Real broker, database and git; each test has its own repository and app.
 */
@QuarkusTest
class PullRequestWebhookTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static EventProbe probe;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** Laid out as {@code <tmp>/<owner>/<name>.git}, like a host: its forks live next to it. */
    private GitRepo registered(String fullName, String app) {
        GitRepo repo = GitRepo.withSpec(tmp.resolve(fullName + ".git"), app);
        register(fullName, repo.cloneUrl(), SECRET);
        return repo;
    }

    /** The fork {@code forkFullName} on the same "host" as the registered repositories: {@link #forkUrl}. */
    private GitRepo fork(String forkFullName) {
        return GitRepo.init(tmp.resolve(forkFullName + ".git"));
    }

    /** The only URL a fork is fetched from: the registered URL with the fork's name in place of the repository's. */
    private String forkUrl(String forkFullName) {
        return tmp.toUri() + forkFullName + ".git";
    }

    private static Envelope<PushReceived> awaitPush(String deliveryId) {
        return probe.await(EventType.PUSH_RECEIVED, (Envelope<PushReceived> e) -> e.data().deliveryId().equals(deliveryId));
    }

    private static long outboxOf(String app) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("recordKey like ?1", app + "/%"));
    }

    @Test
    @DisplayName("FR-002/US3: an opened pull request is built in its head branch's preview, with the pull request named")
    void openedPullRequestIsBuiltInTheHeadBranchPreview() throws Exception {
        String fullName = "Codertocat/Hello-World-PR-Opened";
        String app = "ingest-pr-opened";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        String sha = repo.commit("feature-login", "web/login.html", "login", "Add login");
        String deliveryId = newDeliveryId();

        String eventId = sendSigned("pull_request", deliveryId,
                pullRequest("opened", fullName, 2, "feature-login", sha, "main", base), SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo(app))
                .body("environment", equalTo("preview-feature-login"))
                .body("pullRequest", equalTo(2))
                .body("action", equalTo("opened"))
                .body("reason", equalTo("building pull request #2 in preview environment preview-feature-login"))
                .body("warning", nullValue())
                .extract().path("eventId");

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.metadata().id()).isEqualTo(eventId);
        assertThat(event.data()).isEqualTo(new PushReceived(app, "preview-feature-login", fullName, repo.cloneUrl(),
                "feature-login", "Pull request #2", "Codertocat", deliveryId, true,
                new PullRequestRef(2, "https://github.com/" + fullName + "/pull/2", fullName, "feature-login", false)));
        assertThat(event.metadata().commitSha()).as("the head commit").isEqualTo(sha);
        assertThat(event.metadata().subject()).isEqualTo(app + "/preview-feature-login");
        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.ACCEPTED);
            assertThat(r.event).isEqualTo("pull_request");
            assertThat(r.action).isEqualTo("opened");
            assertThat(r.pullRequest).isEqualTo(2);
            assertThat(r.commitSha).isEqualTo(sha);
            assertThat(r.branch).isEqualTo("feature-login");
            assertThat(r.environment).isEqualTo("preview-feature-login");
            assertThat(r.preview).isTrue();
            assertThat(r.holdsCommit).isTrue();
        });
        ObjectMapper json = new ObjectMapper();
        JsonNode emitted = json.readTree(EventCodec.toStructuredJson(event)).get("data");
        JsonNode golden = json.readTree(GoldenFixtures.bytes(EventType.PUSH_RECEIVED)).get("data");
        assertThat(fieldNames(emitted)).isEqualTo(fieldNames(golden));
    }

    @Test
    @DisplayName("FR-002: a pull request into a branch other than the default one is built too")
    void pullRequestIntoAnotherBranchIsBuiltToo() {
        String fullName = "Codertocat/Hello-World-PR-Staging";
        String app = "ingest-pr-staging";
        GitRepo repo = registered(fullName, app);
        String base = repo.commit("staging", "web/index.html", "staging", "Staging");
        String sha = repo.commit("fix-typo", "web/index.html", "fixed", "Fix the typo");
        String deliveryId = newDeliveryId();

        sendSigned("pull_request", deliveryId, pullRequest("opened", fullName, 5, "fix-typo", sha, "staging", base), SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo("preview-fix-typo"));

        assertThat(awaitPush(deliveryId).data().pullRequest().number()).isEqualTo(5);
    }

    @Test
    @DisplayName("FR-002/US3: a fork's pull request (forks built) gets preview-pr-<n> and branch pr-<n> of the base "
            + "app, from the base's slipway.yml, and no secrets")
    void forkPullRequestIsBuiltUnderTheBaseSlipwayYml() {
        String fullName = "Codertocat/Hello-World-PR-Fork";
        String app = "ingest-pr-fork";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        // The fork's own main branch names another app and makes main its production: none of it may count.
        String forkName = "Forker/Hello-World-PR-Fork";
        GitRepo fork = fork(forkName);
        String forkSha = fork.commit("main", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted("ingest-pr-victim")
                + "previews: false\n", "Deploy over someone else's app");
        String deliveryId = newDeliveryId();
        ObjectNode payload = Deliveries.fromFork(pullRequest("opened", fullName, 7, "main", forkSha, "main", base),
                forkName, forkUrl(forkName));

        sendSigned("pull_request", deliveryId, payload, SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo(app))
                .body("environment", equalTo("preview-pr-7"))
                .body("reason", equalTo("building pull request #7 in preview environment preview-pr-7; "
                        + "it comes from a fork, so it gets no secrets"));

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.data()).as("the fork's branch main is only in the pull request, never the run's branch")
                .isEqualTo(new PushReceived(app, "preview-pr-7", fullName, forkUrl(forkName), "pr-7",
                        "Pull request #7", "Codertocat", deliveryId, true,
                        new PullRequestRef(7, "https://github.com/" + fullName + "/pull/7", forkName, "main", true)));
        assertThat(event.metadata().commitSha()).as("the fork's head commit is what is built").isEqualTo(forkSha);
        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> assertThat(r.branch).isEqualTo("pr-7"));
        assertThat(probe.forApp("ingest-pr-victim")).isEmpty();
        assertThat(outboxOf("ingest-pr-victim")).isZero();
        assertThat(outboxOf(app)).as("nothing reached the base's production").isEqualTo(1);
    }

    @Test
    @DisplayName("FR-002: a fork's slipway.yml cannot turn the base's previews off either; the base's can")
    void basePreviewsOffIgnoresTheForkPullRequest() {
        String fullName = "Codertocat/Hello-World-PR-Fork-Off";
        GitRepo repo = registered(fullName, "ingest-pr-fork-off");
        String base = repo.commit("main", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted("ingest-pr-fork-off")
                + "previews: false\n", "No previews");
        GitRepo fork = GitRepo.withSpec(tmp.resolve("Forker/Hello-World-PR-Fork-Off.git"), "ingest-pr-fork-off");
        ObjectNode payload = Deliveries.fromFork(pullRequest("opened", fullName, 12, "main", fork.head(), "main", base),
                "Forker/Hello-World-PR-Fork-Off", forkUrl("Forker/Hello-World-PR-Fork-Off"));

        sendSigned("pull_request", newDeliveryId(), payload, SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("previews are off in slipway.yml, so pull request #12 is not built"));
        assertThat(outboxOf("ingest-pr-fork-off")).isZero();
    }

    @Test
    @DisplayName("FR-002: a fork is read under the tip of the default branch, not under an older base its author picks")
    void forkIsReadUnderTheDefaultBranchTipNotTheBaseItTargets() {
        String fullName = "Codertocat/Hello-World-PR-Fork-Stale";
        String app = "ingest-pr-fork-stale";
        GitRepo repo = registered(fullName, app);
        // an old branch still has previews on; the team has since turned them off on main
        String stale = repo.commit("legacy", "web/old.html", "old", "Old times");
        repo.commit("main", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted(app) + "previews: false\n", "No previews");
        String forkName = "Forker/Hello-World-PR-Fork-Stale";
        GitRepo fork = fork(forkName);
        String forkSha = fork.commit("main", "web/index.html", "mine", "Mine");
        String deliveryId = newDeliveryId();

        sendSigned("pull_request", deliveryId, Deliveries.fromFork(pullRequest("opened", fullName, 13, "main", forkSha,
                "legacy", stale), forkName, forkUrl(forkName)), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("previews are off in slipway.yml, so pull request #13 is not built"));

        // and an invalid file there builds no fork: the team's file is broken, a stranger's code does not run to say so
        String broken = repo.commit("main", "slipway.yml", "app: " + app + "\ncomponents: {}\nbogus: 1\n", "Oops");
        sendSigned("pull_request", newDeliveryId(), Deliveries.fromFork(pullRequest("synchronize", fullName, 13, "main",
                forkSha, "legacy", stale), forkName, forkUrl(forkName)), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", startsWith("slipway.yml line 3:"))
                .body("reason", endsWith(" (at commit " + broken + ", the tip of " + fullName
                        + "'s default branch 'main'), so pull request #13 from a fork is not built"));
        assertThat(recorded(deliveryId)).hasValueSatisfying(r ->
                assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED));
        assertThat(outboxOf(app)).isZero();
    }

    @Test
    @DisplayName("FR-009: a fork's clone URL anywhere but next to the repository is never fetched nor passed on")
    void forkCloneUrlsElsewhereAreNeverPassedOn() {
        String fullName = "Codertocat/Hello-World-PR-Fork-Url";
        String app = "ingest-pr-fork-url";
        GitRepo repo = registered(fullName, app);
        String forkName = "Forker/Hello-World-PR-Fork-Url";
        GitRepo fork = fork(forkName);
        String forkSha = fork.commit("main", "web/index.html", "mine", "Mine");
        String reason = "pull request #14: pull_request.head.repo.clone_url is not " + forkUrl(forkName)
                + " (with or without .git), where fork " + forkName + " lives next to " + fullName
                + "; it is not fetched";

        for (String cloneUrl : List.of("file:///etc", fork.cloneUrl().replace("Hello-World-PR-Fork-Url", "Other"),
                "ssh://git@github.com/" + forkName + ".git", "git@github.com:" + forkName + ".git",
                "https://evil.example.com/" + forkName + ".git", "http://169.254.169.254/latest/meta-data/",
                "ext::sh -c touch% /tmp/pwned")) {
            String deliveryId = newDeliveryId();
            ObjectNode payload = Deliveries.fromFork(pullRequest("opened", fullName, 14, "main", forkSha, "main",
                    repo.head()), forkName, cloneUrl);
            sendSigned("pull_request", deliveryId, payload, SECRET)
                    .statusCode(202).body("status", equalTo("ignored")).body("reason", equalTo(reason));
            assertThat(recorded(deliveryId)).as(cloneUrl).hasValueSatisfying(r -> {
                assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
                assertThat(r.reason).isEqualTo(reason);
            });
        }
        sendSigned("pull_request", newDeliveryId(), Deliveries.fromFork(pullRequest("opened", fullName, 14, "main",
                forkSha, "main", repo.head()), "Forker/..", forkUrl("Forker/..")), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("pull request #14: pull_request.head.repo.full_name 'Forker/..' is not a "
                        + "GitHub owner/name; the fork is not fetched"));
        assertThat(outboxOf(app)).isZero();
    }

    @Test
    @DisplayName("FR-002: previews off in slipway.yml: the pull request is recorded as not built, with the reason")
    void previewsOffIgnoresThePullRequest() {
        String fullName = "Codertocat/Hello-World-PR-Off";
        String app = "ingest-pr-off";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        String sha = repo.commit("feature/off", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted(app) + "previews: false\n",
                "No previews");
        String deliveryId = newDeliveryId();

        sendSigned("pull_request", deliveryId, pullRequest("opened", fullName, 12, "feature/off", sha, "main", base), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("pullRequest", equalTo(12)).body("action", equalTo("opened"))
                .body("reason", equalTo("previews are off in slipway.yml, so pull request #12 is not built"));

        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.pullRequest).isEqualTo(12);
            assertThat(r.eventId).isNull();
        });
        assertThat(outboxOf(app)).isZero();
    }

    @Test
    @DisplayName("FR-002: the push and the synchronize of one commit build it once, whichever comes first")
    void pushAndSynchronizeOfOneCommitBuildItOnce() {
        String fullName = "Codertocat/Hello-World-PR-Twice";
        String app = "ingest-pr-twice";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        String first = repo.commit("feature-x", "web/x.html", "x", "Add x");
        String pushed = newDeliveryId();
        String synchronized1 = newDeliveryId();

        sendSigned("push", pushed, push(fullName, "feature-x", first), SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo("preview-feature-x"));
        ObjectNode sync = pullRequest("synchronize", fullName, 3, "feature-x", first, "main", base);
        sendSigned("pull_request", synchronized1, sync, SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("pullRequest", equalTo(3)).body("action", equalTo("synchronize"))
                .body("reason", equalTo("commit " + first + " was already started in " + app
                        + "/preview-feature-x by delivery " + pushed + " (push)"));
        assertThat(recorded(synchronized1)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.holdsCommit).isFalse();
            assertThat(r.eventId).isNull();
        });
        // a redelivery of the ignored one stays a duplicate
        sendSigned("pull_request", synchronized1, sync, SECRET).statusCode(200).body("status", equalTo("duplicate"));

        // the other way round: the pull request's delivery comes first
        String second = repo.commit("feature-x", "web/x.html", "x2", "Change x");
        String synchronized2 = newDeliveryId();
        String pushed2 = newDeliveryId();
        sendSigned("pull_request", synchronized2, pullRequest("synchronize", fullName, 3, "feature-x", second, "main", base),
                SECRET).statusCode(202).body("status", equalTo("accepted"));
        sendSigned("push", pushed2, push(fullName, "feature-x", second), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("commit " + second + " was already started in " + app
                        + "/preview-feature-x by delivery " + synchronized2 + " (pull request #3 synchronize)"));

        // a later push of the first commit again (a force-push back) is a new start: it is no longer what runs
        String pushedBack = newDeliveryId();
        sendSigned("push", pushedBack, push(fullName, "feature-x", first), SECRET)
                .statusCode(202).body("status", equalTo("accepted"));
        awaitPush(pushedBack);
        List<String> started = new ArrayList<>();
        probe.forApp(app).forEach(e -> started.add(((PushReceived) e.data()).deliveryId()));
        assertThat(started).containsExactly(pushed, synchronized2, pushedBack);
    }

    @Test
    @DisplayName("FR-002: a push and a synchronize of one commit arriving at the same moment still build it once")
    void concurrentPushAndSynchronizeBuildOnce() throws Exception {
        String fullName = "Codertocat/Hello-World-PR-Race";
        String app = "ingest-pr-race";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        int rounds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                String sha = repo.commit("feature-race", "web/race.html", "round " + round, "Round " + round);
                ObjectNode push = push(fullName, "feature-race", sha);
                ObjectNode sync = pullRequest("synchronize", fullName, 4, "feature-race", sha, "main", base);
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<String> viaPush = CompletableFuture.supplyAsync(() -> statusOf(go, "push", push), pool);
                CompletableFuture<String> viaPullRequest = CompletableFuture.supplyAsync(
                        () -> statusOf(go, "pull_request", sync), pool);
                go.countDown();

                assertThat(List.of(viaPush.get(60, TimeUnit.SECONDS), viaPullRequest.get(60, TimeUnit.SECONDS)))
                        .as("round %d", round).containsExactlyInAnyOrder("accepted", "ignored");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outboxOf(app)).isEqualTo(rounds);
    }

    private static String statusOf(CountDownLatch go, String event, ObjectNode payload) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ValidatableResponse response = sendSigned(event, newDeliveryId(), payload, SECRET).statusCode(202);
        return response.extract().path("status");
    }

    @Test
    @DisplayName("FR-002: closing a pull request tears its preview down once; reopening builds it again")
    void closingTearsThePreviewDownAndReopeningBuildsAgain() throws Exception {
        String fullName = "Codertocat/Hello-World-PR-Closed";
        String app = "ingest-pr-closed";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        String sha = repo.commit("feature/close-me", "web/close.html", "close", "Close me");
        String environment = PipelineSpec.previewEnvironmentName("feature/close-me");
        ObjectNode opened = pullRequest("opened", fullName, 9, "feature/close-me", sha, "main", base);
        String openedId = newDeliveryId();
        sendSigned("pull_request", openedId, opened, SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo(environment));
        awaitPush(openedId);
        String closedId = newDeliveryId();

        String eventId = sendSigned("pull_request", closedId, closed(opened, true), SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo(app)).body("environment", equalTo(environment))
                .body("pullRequest", equalTo(9)).body("action", equalTo("closed"))
                .body("reason", equalTo("pull request #9 was merged; tearing down preview environment " + environment))
                .extract().path("eventId");

        Envelope<PullRequestClosed> event = probe.await(EventType.PULL_REQUEST_CLOSED,
                (Envelope<PullRequestClosed> e) -> e.data().deliveryId().equals(closedId));
        assertThat(event.metadata().id()).isEqualTo(eventId);
        assertThat(event.data()).isEqualTo(new PullRequestClosed(app, environment, fullName, 9, true, closedId));
        assertThat(event.metadata().commitSha()).isEqualTo(sha);
        assertThat(event.metadata().subject()).isEqualTo(app + "/" + environment);
        assertThat(recorded(closedId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.TEARDOWN);
            assertThat(r.action).isEqualTo("closed");
            assertThat(r.pullRequest).isEqualTo(9);
        });
        ObjectMapper json = new ObjectMapper();
        assertThat(fieldNames(json.readTree(EventCodec.toStructuredJson(event)).get("data")))
                .isEqualTo(fieldNames(json.readTree(GoldenFixtures.bytes(EventType.PULL_REQUEST_CLOSED)).get("data")));

        sendSigned("pull_request", newDeliveryId(), closed(opened, false), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("preview environment " + environment + " of pull request #9 was already torn down"));
        // the branch is deleted after the merge: its preview is already gone
        sendSigned("push", newDeliveryId(), Deliveries.deletion(fullName, "feature/close-me", sha), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("preview environment " + environment
                        + " of branch 'feature/close-me' was already torn down"));

        // the teardown let go of the commit: reopening the pull request on the same commit builds it again
        String reopenedId = newDeliveryId();
        sendSigned("pull_request", reopenedId, withAction(opened, "reopened"), SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo(environment));
        assertThat(awaitPush(reopenedId).metadata().commitSha()).isEqualTo(sha);
    }

    @Test
    @DisplayName("FR-002: a fork's pull request is torn down from preview-pr-<n>, even once the fork is deleted")
    void closingAForkPullRequestTearsDownItsNumberedPreview() {
        String fullName = "Codertocat/Hello-World-PR-Fork-Closed";
        String app = "ingest-pr-fork-closed";
        GitRepo repo = registered(fullName, app);
        String base = repo.head();
        GitRepo fork = GitRepo.withSpec(tmp.resolve("Forker/Hello-World-PR-Fork-Closed.git"), app);
        String forkSha = fork.commit("feature-x", "web/x.html", "x", "Add x");
        ObjectNode opened = Deliveries.fromFork(pullRequest("opened", fullName, 11, "feature-x", forkSha, "main", base),
                "Forker/Hello-World-PR-Fork-Closed", forkUrl("Forker/Hello-World-PR-Fork-Closed"));
        sendSigned("pull_request", newDeliveryId(), opened, SECRET)
                .statusCode(202).body("environment", equalTo("preview-pr-11"));
        // a branch of the base repository with the fork's branch name has nothing to do with the fork's preview
        sendSigned("push", newDeliveryId(), Deliveries.deletion(fullName, "feature-x", base), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("branch 'feature-x' had no preview environment; nothing to tear down"));
        // nor has a branch named after the pull request: it gets, and loses, a preview of its own
        String prBranch = repo.commit("pr-11", "web/y.html", "y", "Named like the fork's pull request");
        String pushedId = newDeliveryId();
        String branchPreview = sendSigned("push", pushedId, push(fullName, "pr-11", prBranch), SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("environment", startsWith("preview-pr-11-")).extract().path("environment");
        awaitPush(pushedId);
        sendSigned("push", newDeliveryId(), Deliveries.deletion(fullName, "pr-11", prBranch), SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo(branchPreview));
        ObjectNode forkGone = Deliveries.forkDeleted(opened.deepCopy());

        sendSigned("pull_request", newDeliveryId(), withAction(forkGone, "reopened"), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("the fork pull request #11 comes from was deleted; nothing to build"));
        String closedId = newDeliveryId();
        sendSigned("pull_request", closedId, closed(forkGone, false), SECRET)
                .statusCode(202).body("status", equalTo("accepted")).body("environment", equalTo("preview-pr-11"))
                .body("reason", equalTo("pull request #11 was closed; tearing down preview environment preview-pr-11"));

        assertThat(probe.await(EventType.PULL_REQUEST_CLOSED,
                (Envelope<PullRequestClosed> e) -> e.data().deliveryId().equals(closedId)).data())
                .isEqualTo(new PullRequestClosed(app, "preview-pr-11", fullName, 11, false, closedId));
    }

    @Test
    @DisplayName("FR-002: other pull request actions build nothing and say which action it was")
    void otherActionsAreIgnoredNamingTheAction() {
        String fullName = "Codertocat/Hello-World-PR-Labeled";
        String app = "ingest-pr-labeled";
        GitRepo repo = registered(fullName, app);
        String sha = repo.commit("feature-label", "web/l.html", "l", "Label me");
        String deliveryId = newDeliveryId();

        sendSigned("pull_request", deliveryId, pullRequest("labeled", fullName, 6, "feature-label", sha, "main", repo.head()),
                SECRET).statusCode(202).body("status", equalTo("ignored"))
                .body("pullRequest", equalTo(6)).body("action", equalTo("labeled"))
                .body("reason", equalTo("pull_request action 'labeled' is not handled; "
                        + "only opened, synchronize, reopened and closed are"));

        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.action).isEqualTo("labeled");
        });
        assertThat(outboxOf(app)).isZero();
    }

    @Test
    @DisplayName("FR-009: a pull_request delivery with a wrong signature is refused and leaves no trace")
    void badSignatureIs401() {
        String fullName = "Codertocat/Hello-World-PR-Forged";
        String app = "ingest-pr-forged";
        GitRepo repo = registered(fullName, app);
        String sha = repo.commit("feature-forged", "web/f.html", "f", "Forged");
        byte[] body = Deliveries.bytes(pullRequest("opened", fullName, 8, "feature-forged", sha, "main", repo.head()));
        String forged = newDeliveryId();
        String unsigned = newDeliveryId();

        send("pull_request", forged, body, Deliveries.sign(body, "not the secret"))
                .statusCode(401).body("error", containsString("does not match"));
        send("pull_request", unsigned, body, null).statusCode(401).body("error", containsString("missing X-Hub-Signature-256"));

        assertThat(recorded(forged)).isEmpty();
        assertThat(recorded(unsigned)).isEmpty();
        assertThat(outboxOf(app)).isZero();
    }

    @Test
    void malformedPullRequestPayloadIs400NamingTheField() {
        String fullName = "Codertocat/Hello-World-PR-Malformed";
        GitRepo repo = registered(fullName, "ingest-pr-malformed");
        ObjectNode noHeadSha = pullRequest("opened", fullName, 1, "f", repo.head(), "main", repo.head());
        ((ObjectNode) noHeadSha.get("pull_request").get("head")).remove("sha");
        ObjectNode noPullRequest = pullRequest("opened", fullName, 1, "f", repo.head(), "main", repo.head());
        noPullRequest.remove("pull_request");

        sendSigned("pull_request", newDeliveryId(), noHeadSha, SECRET).statusCode(400)
                .body("error", equalTo("pull_request payload 'pull_request.head.sha' must be a commit SHA "
                        + "(40 or 64 lower-case hex digits), got 'null'"));
        sendSigned("pull_request", newDeliveryId(), noPullRequest, SECRET).statusCode(400)
                .body("error", equalTo("pull_request payload has no 'pull_request' object"));
        ObjectNode forkWithoutDefaultBranch = Deliveries.fromFork(pullRequest("opened", fullName, 1, "f", repo.head(),
                "main", repo.head()), "Forker/X", forkUrl("Forker/X"));
        ((ObjectNode) forkWithoutDefaultBranch.get("repository")).remove("default_branch");
        sendSigned("pull_request", newDeliveryId(), forkWithoutDefaultBranch, SECRET).statusCode(400)
                .body("error", equalTo("pull_request payload has no 'repository.default_branch'"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}

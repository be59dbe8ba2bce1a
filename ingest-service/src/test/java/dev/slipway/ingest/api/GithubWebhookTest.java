package dev.slipway.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.PushReceived;
import dev.slipway.events.Topics;
import dev.slipway.ingest.GitRepo;
import dev.slipway.ingest.domain.DeliveryOutcome;
import dev.slipway.platform.persistence.OutboxMessage;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.slipway.ingest.api.Deliveries.newDeliveryId;
import static dev.slipway.ingest.api.Deliveries.push;
import static dev.slipway.ingest.api.Deliveries.recorded;
import static dev.slipway.ingest.api.Deliveries.register;
import static dev.slipway.ingest.api.Deliveries.send;
import static dev.slipway.ingest.api.Deliveries.sendSigned;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * GitHub deliveries in, PushReceived and BranchDeleted out, against the real broker, database and git (FR-001: a
 * push to main starts a production run; FR-005: staging is its own environment; feature branches deploy
 * concurrently to previews of their own, torn down when the branch is deleted). Each test has its own repository
 * and app.
 */
@QuarkusTest
class GithubWebhookTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static EventProbe probe;

    @TempDir
    Path tmp;

    @TestHTTPResource("/webhooks/github")
    URI webhookUrl;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    /** A repository with a slipway.yml for {@code app}, registered under {@code fullName}. */
    private GitRepo registered(String fullName, String app) {
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), app);
        register(fullName, repo.cloneUrl(), SECRET);
        return repo;
    }

    private Envelope<PushReceived> awaitPush(String deliveryId) {
        return probe.await(EventType.PUSH_RECEIVED, (Envelope<PushReceived> e) -> e.data().deliveryId().equals(deliveryId));
    }

    @Test
    void signedPushToMappedBranchEmitsPushReceived() throws Exception {
        String fullName = "Codertocat/Hello-World-Accepted";
        GitRepo repo = registered(fullName, "ingest-accepted");
        String sha = repo.head();
        String deliveryId = newDeliveryId();

        String eventId = sendSigned("push", deliveryId, push(fullName, "main", sha), SECRET)
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .body("app", equalTo("ingest-accepted"))
                .body("environment", equalTo("production"))
                .body("deliveryId", equalTo(deliveryId))
                .body("warning", nullValue())
                .body("reason", nullValue())
                .extract().path("eventId");

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.metadata().id()).isEqualTo(eventId);
        assertThat(event.data()).isEqualTo(new PushReceived("ingest-accepted", "production", fullName, repo.cloneUrl(),
                "main", "Initial commit", "Codertocat", deliveryId, false));
        assertThat(event.metadata().commitSha()).isEqualTo(sha);
        assertThat(event.metadata().correlationId()).isEqualTo(eventId);
        assertThat(event.metadata().causationId()).isNull();
        assertThat(event.metadata().source()).hasToString("/slipway/ingest-service");
        assertThat(event.metadata().subject()).isEqualTo("ingest-accepted/production");
        assertThat(recorded(deliveryId)).hasValueSatisfying(row -> {
            assertThat(row.outcome).isEqualTo(DeliveryOutcome.ACCEPTED);
            assertThat(row.event).isEqualTo("push");
            assertThat(row.repository).isEqualTo(fullName);
            assertThat(row.commitSha).isEqualTo(sha);
            assertThat(row.eventId).isEqualTo(eventId);
            assertThat(row.receivedAt).isNotNull();
            assertThat(row.branch).isEqualTo("main");
            assertThat(row.environment).isEqualTo("production");
            assertThat(row.preview).isFalse();
        });
        // consumers are tested against the golden fixture: what we emit must have exactly its fields
        ObjectMapper json = new ObjectMapper();
        JsonNode emitted = json.readTree(EventCodec.toStructuredJson(event)).get("data");
        JsonNode golden = json.readTree(GoldenFixtures.bytes(EventType.PUSH_RECEIVED)).get("data");
        assertThat(fieldNames(emitted)).isEqualTo(fieldNames(golden));
    }

    @Test
    void pushToStagingGoesToStaging() {
        String fullName = "Codertocat/Hello-World-Staging";
        GitRepo repo = registered(fullName, "ingest-staging");
        String sha = repo.commit("staging", "web/index.html", "<h1>staging</h1>", "Try it on staging");
        String deliveryId = newDeliveryId();

        sendSigned("push", deliveryId, push(fullName, "staging", sha), SECRET)
                .statusCode(202).body("environment", equalTo("staging"));

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.data().environment()).isEqualTo("staging");
        assertThat(event.data().branch()).isEqualTo("staging");
        assertThat(event.metadata().commitSha()).isEqualTo(sha);
    }

    @Test
    void unsignedDeliveryIsRejectedAndLeavesNoTrace() {
        String fullName = "Codertocat/Hello-World-Unsigned";
        GitRepo repo = registered(fullName, "ingest-unsigned");
        String unsigned = newDeliveryId();

        send("push", unsigned, Deliveries.bytes(push(fullName, "main", repo.head())), null)
                .statusCode(401).body("error", containsString("missing X-Hub-Signature-256"));

        assertThat(recorded(unsigned)).isEmpty();
        assertOnlyEventOfAppIsTheNextSignedPush(fullName, repo, "ingest-unsigned");
    }

    @Test
    void wrongSignatureIsRejected() {
        String fullName = "Codertocat/Hello-World-Forged";
        GitRepo repo = registered(fullName, "ingest-forged");
        byte[] body = Deliveries.bytes(push(fullName, "main", repo.head()));
        String otherSecret = newDeliveryId();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Initial commit", "Initial commiT")
                .getBytes(StandardCharsets.UTF_8);

        String forged = newDeliveryId();
        send("push", forged, body, Deliveries.sign(body, "not the secret"))
                .statusCode(401).body("error", containsString("does not match"));
        String altered = newDeliveryId();
        send("push", altered, tampered, Deliveries.sign(body, SECRET)).statusCode(401);
        String garbage = newDeliveryId();
        send("push", garbage, body, "sha256=" + otherSecret).statusCode(401);

        assertThat(recorded(forged)).isEmpty();
        assertThat(recorded(altered)).isEmpty();
        assertThat(recorded(garbage)).isEmpty();
        assertOnlyEventOfAppIsTheNextSignedPush(fullName, repo, "ingest-forged");
    }

    /** Rejected deliveries wrote nothing to the outbox, or their event would precede this one's. */
    private void assertOnlyEventOfAppIsTheNextSignedPush(String fullName, GitRepo repo, String app) {
        String marker = newDeliveryId();
        sendSigned("push", marker, push(fullName, "main", repo.head()), SECRET).statusCode(202);
        awaitPush(marker);
        assertThat(probe.forApp(app)).singleElement()
                .satisfies(e -> assertThat(((PushReceived) e.data()).deliveryId()).isEqualTo(marker));
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("recordKey", app + "/production")))
                .isEqualTo(1);
    }

    @Test
    void redeliveryIsAnsweredButHandledOnce() {
        String fullName = "Codertocat/Hello-World-Redelivered";
        GitRepo repo = registered(fullName, "ingest-redelivered");
        String deliveryId = newDeliveryId();
        ObjectNode payload = push(fullName, "main", repo.head());

        String eventId = sendSigned("push", deliveryId, payload, SECRET).statusCode(202).extract().path("eventId");
        sendSigned("push", deliveryId, payload, SECRET)
                .statusCode(200).body("status", equalTo("duplicate")).body("eventId", equalTo(eventId));

        String next = newDeliveryId();
        String sha = repo.commit("main", "web/index.html", "v2", "Second commit");
        sendSigned("push", next, push(fullName, "main", sha), SECRET).statusCode(202);
        awaitPush(next);
        List<String> deliveries = new ArrayList<>();
        probe.forApp("ingest-redelivered").forEach(e -> deliveries.add(((PushReceived) e.data()).deliveryId()));
        assertThat(deliveries).containsExactly(deliveryId, next);
    }

    @Test
    void pingIsAnswered() {
        String fullName = "Octocoders/Hello-World-Ping";
        registered(fullName, "ingest-ping");
        String deliveryId = newDeliveryId();

        sendSigned("ping", deliveryId, Deliveries.example(Deliveries.PING, fullName), SECRET)
                .statusCode(200).body("status", equalTo("pong"));

        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> assertThat(r.outcome).isEqualTo(DeliveryOutcome.PING));
    }

    @Test
    void tagPushesAreIgnoredWithTheReason() {
        String fullName = "Codertocat/Hello-World-Tags";
        GitRepo repo = registered(fullName, "ingest-tags");
        String deletedTag = newDeliveryId();
        String newTag = newDeliveryId();
        ObjectNode created = push(fullName, "main", repo.head());
        created.put("ref", "refs/tags/v1.0.0");

        // GitHub's example as published: the deletion of tag simple-tag
        sendSigned("push", deletedTag, Deliveries.example(Deliveries.PUSH_TAG_DELETED, fullName), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("ref 'refs/tags/simple-tag' is not a branch; only pushes to refs/heads/ deploy"));
        sendSigned("push", newTag, created, SECRET)
                .statusCode(202).body("reason", containsString("'refs/tags/v1.0.0' is not a branch"));

        assertThat(recorded(newTag)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.reason).contains("not a branch");
        });
    }

    @Test
    void featureBranchPushDeploysToItsOwnPreviewEnvironment() {
        String fullName = "Codertocat/Hello-World-Preview";
        GitRepo repo = registered(fullName, "ingest-preview");
        String sha = repo.commit("feature-login", "web/login.html", "login", "Add login");
        String deliveryId = newDeliveryId();

        String eventId = sendSigned("push", deliveryId, push(fullName, "feature-login", sha), SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo("ingest-preview"))
                .body("environment", equalTo("preview-feature-login"))
                .body("reason", equalTo("deploying to preview environment preview-feature-login"))
                .extract().path("eventId");

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.metadata().id()).isEqualTo(eventId);
        assertThat(event.data()).isEqualTo(new PushReceived("ingest-preview", "preview-feature-login", fullName,
                repo.cloneUrl(), "feature-login", "Initial commit", "Codertocat", deliveryId, true));
        assertThat(event.metadata().subject()).isEqualTo("ingest-preview/preview-feature-login");
        assertThat(event.metadata().commitSha()).isEqualTo(sha);
        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.ACCEPTED);
            assertThat(r.branch).isEqualTo("feature-login");
            assertThat(r.app).isEqualTo("ingest-preview");
            assertThat(r.environment).isEqualTo("preview-feature-login");
            assertThat(r.preview).isTrue();
        });
    }

    @Test
    void branchNamesThatAreNotEnvironmentNamesGetAHashedPreviewName() {
        String fullName = "Codertocat/Hello-World-Preview-Slash";
        GitRepo repo = registered(fullName, "ingest-preview-slash");
        String sha = repo.commit("feature/checkout", "web/checkout.html", "checkout", "Add checkout");
        String deliveryId = newDeliveryId();

        // printf '%s' feature/checkout | sha256sum -> 97cc63…
        sendSigned("push", deliveryId, push(fullName, "feature/checkout", sha), SECRET)
                .statusCode(202).body("environment", equalTo("preview-feature-checkout-97cc63"));

        assertThat(awaitPush(deliveryId).data().preview()).isTrue();
    }

    @Test
    void unmappedBranchIsIgnoredWhenTheCommitTurnsPreviewsOff() {
        String fullName = "Codertocat/Hello-World-No-Previews";
        GitRepo repo = registered(fullName, "ingest-no-previews");
        String sha = repo.commit("feature/login", "slipway.yml", GitRepo.SPEC_TEMPLATE.formatted("ingest-no-previews")
                + "previews: false\n", "No previews");
        String deliveryId = newDeliveryId();

        sendSigned("push", deliveryId, push(fullName, "feature/login", sha), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("branch 'feature/login' maps to no environment in slipway.yml and previews are off (previews: false)"));

        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.eventId).isNull();
        });
        assertThat(outboxOf("ingest-no-previews")).isZero();
    }

    @Test
    void deletingAPreviewedBranchTearsItsPreviewDownOnceEvenWhenRedelivered() throws Exception {
        String fullName = "Codertocat/Hello-World-Teardown";
        String app = "ingest-teardown";
        GitRepo repo = registered(fullName, app);
        String sha = repo.commit("feature/checkout", "web/checkout.html", "checkout", "Add checkout");
        String preview = "preview-feature-checkout-97cc63";
        String pushed = newDeliveryId();
        sendSigned("push", pushed, push(fullName, "feature/checkout", sha), SECRET)
                .statusCode(202).body("environment", equalTo(preview));
        awaitPush(pushed);
        String deleted = newDeliveryId();
        ObjectNode deletion = Deliveries.deletion(fullName, "feature/checkout", sha);

        String eventId = sendSigned("push", deleted, deletion, SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo(app))
                .body("environment", equalTo(preview))
                .body("reason", equalTo("tearing down preview environment " + preview))
                .extract().path("eventId");

        Envelope<BranchDeleted> event = probe.await(EventType.BRANCH_DELETED,
                (Envelope<BranchDeleted> e) -> e.data().deliveryId().equals(deleted));
        assertThat(event.metadata().id()).isEqualTo(eventId);
        assertThat(event.data()).isEqualTo(new BranchDeleted(app, preview, fullName, "feature/checkout", deleted, true));
        assertThat(event.metadata().commitSha()).as("the branch's last commit").isEqualTo(sha);
        assertThat(event.metadata().subject()).isEqualTo(app + "/" + preview);
        assertThat(event.metadata().source()).hasToString("/slipway/ingest-service");
        assertThat(recorded(deleted)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.TEARDOWN);
            assertThat(r.eventId).isEqualTo(eventId);
            assertThat(r.commitSha).isEqualTo(sha);
        });
        ObjectMapper json = new ObjectMapper();
        JsonNode emitted = json.readTree(EventCodec.toStructuredJson(event)).get("data");
        JsonNode golden = json.readTree(GoldenFixtures.bytes(EventType.BRANCH_DELETED)).get("data");
        assertThat(fieldNames(emitted)).isEqualTo(fieldNames(golden));

        // GitHub redelivers with the same delivery id: answered, not emitted again
        sendSigned("push", deleted, deletion, SECRET)
                .statusCode(200).body("status", equalTo("duplicate")).body("eventId", equalTo(eventId));
        // a later deletion finds the preview already torn down
        sendSigned("push", newDeliveryId(), Deliveries.deletion(fullName, "feature/checkout", sha), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("preview environment " + preview + " of branch 'feature/checkout' was already torn down"));
        List<OutboxMessage> teardowns = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>list(
                "eventType = ?1 and recordKey = ?2", EventType.BRANCH_DELETED.type(), app + "/" + preview));
        assertThat(teardowns).singleElement().satisfies(m -> {
            assertThat(m.eventId).isEqualTo(eventId);
            assertThat(m.topic).isEqualTo(Topics.INGEST).isEqualTo("slipway.ingest.v1");
        });
    }

    @Test
    void deletingABranchOfADeclaredEnvironmentTearsNothingDown() {
        String fullName = "Codertocat/Hello-World-Deleted";
        String app = "ingest-deleted";
        GitRepo repo = registered(fullName, app);
        sendSigned("push", newDeliveryId(), push(fullName, "main", repo.head()), SECRET).statusCode(202);
        String deliveryId = newDeliveryId();

        sendSigned("push", deliveryId, Deliveries.deletion(fullName, "main", repo.head()), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("branch 'main' had no preview environment; nothing to tear down"));

        assertThat(recorded(deliveryId)).hasValueSatisfying(r -> {
            assertThat(r.outcome).isEqualTo(DeliveryOutcome.IGNORED);
            assertThat(r.eventId).isNull();
        });
        // the outbox is written in the delivery's own transaction: all this app ever emitted is the push of main
        assertThat(outboxOf(app)).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventType = ?1 and recordKey like ?2",
                EventType.BRANCH_DELETED.type(), app + "/%"))).isZero();
    }

    @Test
    void deletingABranchThatNeverDeployedIsIgnored() {
        String fullName = "Codertocat/Hello-World-Never-Deployed";
        registered(fullName, "ingest-never-deployed");

        sendSigned("push", newDeliveryId(), Deliveries.deletion(fullName, "feature/unknown", "1".repeat(40)), SECRET)
                .statusCode(202).body("status", equalTo("ignored"))
                .body("reason", equalTo("branch 'feature/unknown' had no preview environment; nothing to tear down"));
        assertThat(outboxOf("ingest-never-deployed")).isZero();
    }

    /** Events of {@code app} put in the outbox so far. */
    private static long outboxOf(String app) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("recordKey like ?1", app + "/%"));
    }

    @Test
    void commitWithoutSlipwayYmlIsIgnored() {
        String fullName = "Codertocat/Hello-World-No-Spec";
        GitRepo repo = registered(fullName, "ingest-no-spec");
        String sha = repo.removeAndCommit("main", "slipway.yml", "Drop the pipeline");

        sendSigned("push", newDeliveryId(), push(fullName, "main", sha), SECRET)
                .statusCode(202).body("reason", equalTo("no slipway.yml at commit " + sha));
    }

    @Test
    void invalidSlipwayYmlStillStartsARunUnderFallbackNames() {
        String fullName = "Codertocat/Hello_World.Invalid";
        GitRepo repo = registered(fullName, "ingest-invalid");
        String sha = repo.commit("main", "slipway.yml", "app: Not A Valid Name\ncomponents: {}\n", "Break the spec");
        String deliveryId = newDeliveryId();

        sendSigned("push", deliveryId, push(fullName, "main", sha), SECRET)
                .statusCode(202).body("status", equalTo("accepted"))
                .body("app", equalTo("hello-world-invalid")).body("environment", equalTo("main"))
                .body("warning", containsString("slipway.yml line 1"));

        Envelope<PushReceived> event = awaitPush(deliveryId);
        assertThat(event.data().app()).isEqualTo("hello-world-invalid");
        assertThat(event.data().environment()).isEqualTo("main");
        assertThat(event.metadata().commitSha()).isEqualTo(sha);
    }

    @Test
    void unhandledEventTypeIsIgnored() {
        String fullName = "Codertocat/Hello-World-Status";
        registered(fullName, "ingest-status");

        sendSigned("status", newDeliveryId(), Deliveries.example(Deliveries.STATUS, fullName), SECRET)
                .statusCode(202).body("reason", equalTo("event 'status' is not handled; only push, pull_request and ping are"));
    }

    @Test
    void malformedOrIncompletePayloadIs400() {
        String fullName = "Codertocat/Hello-World-Malformed";
        registered(fullName, "ingest-malformed");
        byte[] broken = "{\"repository\": {\"full_name\": ".getBytes(StandardCharsets.UTF_8);
        byte[] noRepository = "{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        ObjectNode noRef = push(fullName, "main", "1".repeat(40));
        noRef.remove("ref");

        send("push", newDeliveryId(), broken, Deliveries.sign(broken, SECRET))
                .statusCode(400).body("error", containsString("malformed JSON at line 1"));
        send("push", newDeliveryId(), "{} trailing".getBytes(StandardCharsets.UTF_8), null)
                .statusCode(400).body("error", containsString("malformed JSON"));
        send("push", newDeliveryId(), noRepository, Deliveries.sign(noRepository, SECRET))
                .statusCode(400).body("error", containsString("repository.full_name"));
        // an organization's ping has no repository either, but asks for nothing: answered, nothing recorded
        String ping = newDeliveryId();
        send("ping", ping, noRepository, null).statusCode(200).body("status", equalTo("ignored"));
        assertThat(recorded(ping)).isEmpty();
        sendSigned("push", newDeliveryId(), noRef, SECRET).statusCode(400).body("error", equalTo("push payload has no 'ref'"));
        send("", newDeliveryId(), noRepository, null).statusCode(400).body("error", equalTo("missing X-GitHub-Event header"));
    }

    @Test
    void unknownRepositoryIs404() {
        sendSigned("push", newDeliveryId(), push("Nobody/Unregistered", "main", "1".repeat(40)), SECRET)
                .statusCode(404).body("error", equalTo("repository 'Nobody/Unregistered' is not registered"));
    }

    @Test
    void bodiesUpTo25MegabytesAreReadAndLargerOnesAre413() throws Exception {
        String fullName = "Codertocat/Hello-World-Large";
        GitRepo repo = registered(fullName, "ingest-large");
        byte[] push = Deliveries.bytes(push(fullName, "main", repo.head()));
        int limit = 25 * 1024 * 1024;
        // JSON allows trailing whitespace: a real push payload padded to exactly the limit
        byte[] largest = Arrays.copyOf(push, limit);
        Arrays.fill(largest, push.length, limit, (byte) ' ');
        byte[] tooLarge = Arrays.copyOf(largest, limit + 1);
        tooLarge[limit] = ' ';

        assertThat(post(largest, Deliveries.sign(largest, SECRET)).statusCode()).isEqualTo(202);
        assertThat(post(tooLarge, Deliveries.sign(tooLarge, SECRET)).statusCode()).isEqualTo(413);
    }

    private HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", newDeliveryId())
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        // HTTP/1.1 as GitHub sends it (the JDK client would otherwise try an h2c upgrade)
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unreachableCloneUrlIs502AndARedeliveryCanSucceed() {
        String fullName = "Codertocat/Hello-World-Moved";
        GitRepo repo = GitRepo.withSpec(tmp.resolve("origin"), "ingest-moved");
        register(fullName, tmp.resolve("nowhere.git").toUri().toString(), SECRET);
        String deliveryId = newDeliveryId();
        ObjectNode payload = push(fullName, "main", repo.head());

        sendSigned("push", deliveryId, payload, SECRET)
                .statusCode(502).body("error", containsString("cannot read slipway.yml at " + repo.head()))
                .body("error", containsString("git fetch"));
        assertThat(recorded(deliveryId)).isEmpty();

        given().contentType("application/json")
                .body(Map.of("fullName", fullName, "cloneUrl", repo.cloneUrl(), "secret", SECRET))
                .post("/api/repositories").then().statusCode(200);
        sendSigned("push", deliveryId, payload, SECRET).statusCode(202).body("eventId", notNullValue());
        assertThat(recorded(deliveryId).map(r -> r.outcome)).contains(DeliveryOutcome.ACCEPTED);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}

package dev.slipway.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.ingest.GitRepo;
import dev.slipway.ingest.config.IngestConfig;
import dev.slipway.testsupport.EventProbe;
import dev.slipway.testsupport.Reference;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every published octokit payload example, posted as GitHub sends it: the file's exact bytes, signed with the
 * repository's secret, with the event named by its folder. Each is accepted or deliberately ignored with a reason
 * that says why. They run in this order, as one repository's
 * history: the push of master, its repeat, then pull request #2 opened, reopened, synchronized and closed.
 * FR-001 (a push to the production branch starts a run), FR-002/US3 (a pull request is built before it merges).
 */
@QuarkusTest
class PayloadExamplesTest {
    private static final String EXAMPLES = Deliveries.EXAMPLES;
    private static final String REPOSITORY = "Codertocat/Hello-World";
    private static final String APP = "ingest-examples";
    /** The commits GitHub's examples name: master after the push, and the head of pull request #2 (branch changes). */
    private static final String MASTER_SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private static final String CHANGES_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SPEC = """
            app: %s
            components:
              web:
                kind: static
                path: web
            environments:
              production:
                branch: master
            """.formatted(APP);

    private static EventProbe probe;
    private static Path tmp;
    private static GitRepo standIn;

    @Inject
    IngestConfig config;

    /** The answer one example gets; {@code reason} and {@code environment} null where the answer has none. */
    record Expected(String file, int status, String answer, String environment, String reason) {
        String event() {
            return file.substring(0, file.indexOf('/'));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static String deliveryId(String file) {
        return RUN + "-" + file.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static Stream<Expected> examples() {
        String notHandled = " is not handled; only push, pull_request and ping are";
        return Stream.of(
                new Expected("check_run/created.payload.json", 202, "ignored", null, "event 'check_run'" + notHandled),
                new Expected("deployment/payload.json", 202, "ignored", null, "event 'deployment'" + notHandled),
                new Expected("deployment_status/payload.json", 202, "ignored", null,
                        "event 'deployment_status'" + notHandled),
                new Expected("ping/payload.json", 200, "pong", null, null),
                new Expected("ping/with-app_id.payload.json", 200, "pong", null, null),
                // an organization's webhook names no repository: no secret can check it, and it asks for nothing
                new Expected("ping/with-organization.payload.json", 200, "ignored", null,
                        "ping names no repository (an organization's or app's webhook); ignored: no repository, "
                                + "nothing to do. Slipway acts on the webhooks of registered repositories"),
                new Expected("push/payload.json", 202, "ignored", null,
                        "ref 'refs/tags/simple-tag' is not a branch; only pushes to refs/heads/ deploy"),
                new Expected("push/with-new-branch.payload.json", 202, "accepted", "production", null),
                new Expected("push/with-no-username-committer.payload.json", 202, "ignored", null,
                        "commit " + MASTER_SHA + " was already started in " + APP + "/production by delivery "
                                + deliveryId("push/with-new-branch.payload.json") + " (push)"),
                new Expected("pull_request/opened.payload.json", 202, "accepted", "preview-changes",
                        "building pull request #2 in preview environment preview-changes"),
                new Expected("pull_request/reopened.payload.json", 202, "ignored", null,
                        "commit " + CHANGES_SHA + " was already started in " + APP + "/preview-changes by delivery "
                                + deliveryId("pull_request/opened.payload.json") + " (pull request #2 opened)"),
                new Expected("pull_request/synchronize.payload.json", 202, "ignored", null,
                        "commit " + CHANGES_SHA + " was already started in " + APP + "/preview-changes by delivery "
                                + deliveryId("pull_request/opened.payload.json") + " (pull request #2 opened)"),
                new Expected("pull_request/closed.payload.json", 202, "accepted", "preview-changes",
                        "pull request #2 was closed; tearing down preview environment preview-changes"),
                new Expected("status/payload.json", 202, "ignored", null, "event 'status'" + notHandled));
    }

    /** The secret of GitHub's own signing example, from the published test vectors. */
    private static String secret() {
        try {
            JsonNode vectors = new ObjectMapper().readTree(Reference.bytes("github-webhooks/hmac-sha256-test-vectors.json"));
            JsonNode docs = vectors.get("vectors").get(0);
            assertThat(docs.get("source").asText()).startsWith("github/docs");
            byte[] payload = docs.get("payload").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(Deliveries.sign(payload, docs.get("secret").asText()))
                    .as("the test's signer reproduces GitHub's vector")
                    .isEqualTo(docs.get("x_hub_signature_256").asText());
            return docs.get("secret").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        probe = EventProbe.start();
        tmp = Files.createTempDirectory("slipway-ingest-examples-");
    }

    @AfterAll
    static void stop() throws IOException {
        probe.close();
        try (Stream<Path> paths = Files.walk(tmp)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Before the first example: a local repository standing in for github.com/Codertocat/Hello-World, registered
     * under the examples' repository names with the secret the examples are signed with.
     */
    private void standInForGithub() {
        if (standIn != null) {
            return;
        }
        standIn = GitRepo.init(tmp.resolve("hello-world"));
        String master = standIn.commit("master", "slipway.yml", SPEC, "Initial commit");
        String changes = standIn.commit("changes", "README.md", "# Hello-World\nnew information\n",
                "Update the README with new information.");
        for (String fullName : List.of(REPOSITORY, "Octocoders/Hello-World")) {
            given().contentType("application/json")
                    .body(Map.of("fullName", fullName, "cloneUrl", standIn.cloneUrl(), "secret", secret()))
                    .post("/api/repositories").then().statusCode(in(List.of(200, 201)));
        }
        knowAs(MASTER_SHA, "master", master);
        knowAs(CHANGES_SHA, "changes", changes);
    }

    /**
     * GitHub's examples name commits of github.com/Codertocat/Hello-World, which cannot be fetched here, and no local
     * commit can have their SHA-1. So ingest's cache of that repository is made to take {@code exampleSha} for the
     * stand-in's commit {@code localSha}: a git replace ref, and an object stored under the example's name so that
     * git's existence check passes. The fetch from the stand-in and the reads of slipway.yml then run as in production.
     */
    private void knowAs(String exampleSha, String branch, String localSha) {
        Path cache = config.gitCacheDir().resolve("codertocat").resolve("hello-world.git");
        GitRepo bare = GitRepo.at(cache);
        if (!Files.isRegularFile(cache.resolve("HEAD"))) {
            bare.git("init", "--quiet", "--bare");
        }
        bare.git("fetch", "--quiet", "--no-tags", standIn.cloneUrl(), "+refs/heads/" + branch + ":refs/heads/" + branch);
        byte[] commit = standIn.git("cat-file", "commit", localSha).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(object)) {
            out.write(("commit " + commit.length + "\0").getBytes(StandardCharsets.US_ASCII));
            out.write(commit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path loose = cache.resolve("objects").resolve(exampleSha.substring(0, 2)).resolve(exampleSha.substring(2));
            Files.createDirectories(loose.getParent());
            Files.write(loose, object.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bare.git("update-ref", "refs/replace/" + exampleSha, localSha);
    }

    @Test
    @DisplayName("every published example is covered below")
    void everyExampleHasAnExpectedAnswer() throws IOException {
        Path root = Reference.path(EXAMPLES);
        try (Stream<Path> files = Files.walk(root)) {
            List<String> published = files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
                    .sorted().toList();
            assertThat(examples().map(Expected::file).sorted().toList()).isEqualTo(published);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleIsAnsweredAsExpected(Expected expected) {
        standInForGithub();
        byte[] body = Reference.bytes(EXAMPLES + expected.file());
        String deliveryId = deliveryId(expected.file());

        ValidatableResponse response = Deliveries.send(expected.event(), deliveryId, body, Deliveries.sign(body, secret()))
                .statusCode(expected.status());

        response.body("status", equalTo(expected.answer()))
                .body("deliveryId", equalTo(deliveryId))
                .body("environment", equalTo(expected.environment()))
                .body("reason", equalTo(expected.reason()));
        if (expected.event().equals("pull_request")) {
            response.body("pullRequest", equalTo(2))
                    .body("action", equalTo(expected.file().substring(expected.file().indexOf('/') + 1,
                            expected.file().indexOf('.'))));
        } else {
            response.body("pullRequest", nullValue()).body("action", nullValue());
        }
        switch (expected.file()) {
            case "push/with-new-branch.payload.json" -> {
                Envelope<PushReceived> event = probe.await(EventType.PUSH_RECEIVED,
                        (Envelope<PushReceived> e) -> e.data().deliveryId().equals(deliveryId));
                assertThat(event.data()).isEqualTo(new PushReceived(APP, "production", REPOSITORY, standIn.cloneUrl(),
                        "master", "Initial commit", "Codertocat", deliveryId, false));
                assertThat(event.metadata().commitSha()).isEqualTo(MASTER_SHA);
            }
            case "pull_request/opened.payload.json" -> {
                Envelope<PushReceived> event = probe.await(EventType.PUSH_RECEIVED,
                        (Envelope<PushReceived> e) -> e.data().deliveryId().equals(deliveryId));
                assertThat(event.data()).isEqualTo(new PushReceived(APP, "preview-changes", REPOSITORY,
                        standIn.cloneUrl(), "changes", "Update the README with new information.", "Codertocat",
                        deliveryId, true, new PullRequestRef(2, "https://github.com/Codertocat/Hello-World/pull/2",
                        REPOSITORY, "changes", false)));
                assertThat(event.metadata().commitSha()).isEqualTo(CHANGES_SHA);
            }
            case "pull_request/closed.payload.json" -> {
                Envelope<PullRequestClosed> event = probe.await(EventType.PULL_REQUEST_CLOSED,
                        (Envelope<PullRequestClosed> e) -> e.data().deliveryId().equals(deliveryId));
                assertThat(event.data()).isEqualTo(new PullRequestClosed(APP, "preview-changes", REPOSITORY, 2, false,
                        deliveryId));
            }
            case "ping/with-organization.payload.json" ->
                    assertThat(Deliveries.recorded(deliveryId)).as("nothing recorded, nothing emitted").isEmpty();
            default -> assertThat(expected.answer()).isNotEqualTo("accepted");
        }
    }
}

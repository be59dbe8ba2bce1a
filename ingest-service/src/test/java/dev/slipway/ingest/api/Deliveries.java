package dev.slipway.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.ingest.persistence.DeliveryRecord;
import dev.slipway.testsupport.Reference;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds GitHub deliveries from the published octokit payload examples and sends them like GitHub does. */
final class Deliveries {
    static final String EXAMPLES = "github-webhooks/octokit-webhooks/payload-examples/api.github.com/";
    static final String PUSH_NEW_BRANCH = EXAMPLES + "push/with-new-branch.payload.json";
    /** GitHub's example of a push that deleted a ref (tag simple-tag): {@code deleted: true}, {@code after} all zeros. */
    static final String PUSH_TAG_DELETED = EXAMPLES + "push/payload.json";
    static final String PING = EXAMPLES + "ping/payload.json";
    static final String STATUS = EXAMPLES + "status/payload.json";
    static final String PR_OPENED = EXAMPLES + "pull_request/opened.payload.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** A real example payload, moved to {@code fullName} so each test has a repository of its own. */
    static ObjectNode example(String reference, String fullName) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(Reference.bytes(reference));
            ObjectNode repository = (ObjectNode) payload.get("repository");
            repository.put("full_name", fullName);
            repository.put("name", fullName.substring(fullName.indexOf('/') + 1));
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's push example (a new branch) rewritten to a push of {@code sha} to {@code branch}. */
    static ObjectNode push(String fullName, String branch, String sha) {
        ObjectNode payload = example(PUSH_NEW_BRANCH, fullName);
        payload.put("ref", "refs/heads/" + branch);
        payload.put("after", sha);
        payload.put("deleted", false);
        return payload;
    }

    /**
     * The push GitHub sends when {@code branch} is deleted. The octokit examples hold no branch deletion, only the
     * deletion of a tag ({@code deleted: true}, {@code after} all zeros, no head commit, no commits); a deleted
     * branch differs in its ref, so that published example is moved to {@code refs/heads/<branch>}, with
     * {@code before} the branch's last commit.
     */
    static ObjectNode deletion(String fullName, String branch, String lastCommit) {
        ObjectNode payload = example(PUSH_TAG_DELETED, fullName);
        if (!payload.path("deleted").asBoolean() || !payload.path("after").asText().matches("0{40}")
                || !payload.path("head_commit").isNull()) {
            throw new IllegalStateException(PUSH_TAG_DELETED + " is no longer a deletion");
        }
        payload.put("ref", "refs/heads/" + branch);
        payload.put("before", lastCommit);
        return payload;
    }

    /**
     * GitHub's example of an opened pull request, rewritten to pull request {@code number} of {@code fullName} with
     * {@code action}: branch {@code headRef} at {@code headSha} of the same repository into {@code baseRef} at
     * {@code baseSha}. The repository's default branch is main, as {@link dev.slipway.ingest.GitRepo} makes it.
     */
    static ObjectNode pullRequest(String action, String fullName, int number, String headRef, String headSha,
                                  String baseRef, String baseSha) {
        ObjectNode payload = example(PR_OPENED, fullName);
        ((ObjectNode) payload.get("repository")).put("default_branch", "main");
        payload.put("action", action);
        payload.put("number", number);
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("number", number);
        pr.put("html_url", "https://github.com/" + fullName + "/pull/" + number);
        pr.put("title", "Pull request #" + number);
        side(pr, "head", fullName, headRef, headSha);
        side(pr, "base", fullName, baseRef, baseSha);
        return payload;
    }

    private static void side(ObjectNode pr, String side, String fullName, String ref, String sha) {
        ObjectNode node = (ObjectNode) pr.get(side);
        node.put("ref", ref);
        node.put("sha", sha);
        node.put("label", fullName.substring(0, fullName.indexOf('/')) + ":" + ref);
        ObjectNode repo = (ObjectNode) node.get("repo");
        repo.put("full_name", fullName);
        repo.put("name", fullName.substring(fullName.indexOf('/') + 1));
    }

    /** The pull request moved to a fork: its head is {@code forkFullName}, fetched from {@code forkCloneUrl}. */
    static ObjectNode fromFork(ObjectNode payload, String forkFullName, String forkCloneUrl) {
        ObjectNode head = (ObjectNode) payload.get("pull_request").get("head");
        head.put("label", forkFullName.substring(0, forkFullName.indexOf('/')) + ":" + head.get("ref").asText());
        ObjectNode repo = (ObjectNode) head.get("repo");
        repo.put("full_name", forkFullName);
        repo.put("name", forkFullName.substring(forkFullName.indexOf('/') + 1));
        repo.put("fork", true);
        repo.put("clone_url", forkCloneUrl);
        return payload;
    }

    /** The pull request as GitHub sends it once its fork was deleted: {@code head.repo} is null. */
    static ObjectNode forkDeleted(ObjectNode payload) {
        ((ObjectNode) payload.get("pull_request").get("head")).putNull("repo");
        return payload;
    }

    /** The same pull request with {@code action} closed, merged or not. */
    static ObjectNode closed(ObjectNode payload, boolean merged) {
        ObjectNode copy = payload.deepCopy();
        copy.put("action", "closed");
        ObjectNode pr = (ObjectNode) copy.get("pull_request");
        pr.put("state", "closed");
        pr.put("merged", merged);
        return copy;
    }

    /** The same pull request with another action. */
    static ObjectNode withAction(ObjectNode payload, String action) {
        ObjectNode copy = payload.deepCopy();
        copy.put("action", action);
        return copy;
    }

    static byte[] bytes(ObjectNode payload) {
        try {
            // GitHub's own form: pretty-printed; what matters is that exactly these bytes are signed
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Computed here rather than with the production code, so a shared mistake cannot hide. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    static ValidatableResponse send(String event, String deliveryId, byte[] body, String signature) {
        RequestSpecification request = given().contentType("application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("User-Agent", "GitHub-Hookshot/test");
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.body(body).post("/webhooks/github").then();
    }

    static ValidatableResponse sendSigned(String event, String deliveryId, ObjectNode payload, String secret) {
        byte[] body = bytes(payload);
        return send(event, deliveryId, body, sign(body, secret));
    }

    static void register(String fullName, String cloneUrl, String secret) {
        given().contentType("application/json")
                .body(Map.of("fullName", fullName, "cloneUrl", cloneUrl, "secret", secret))
                .post("/api/repositories").then().statusCode(201);
    }

    static Optional<DeliveryRecord> recorded(String deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> DeliveryRecord.<DeliveryRecord>findByIdOptional(deliveryId));
    }
}

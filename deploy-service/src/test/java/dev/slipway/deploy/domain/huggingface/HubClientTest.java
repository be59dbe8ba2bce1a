package dev.slipway.deploy.domain.huggingface;

import dev.slipway.deploy.domain.FakeTime;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.standins.huggingface.HubStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Hub client against the Hub stand-in, which checks each request against the recorded interactions (FR-004). */
class HubClientTest {
    private static final String TOKEN = "hf_client_test_token_1234";
    private static final SpaceId SPACE = SpaceId.parse("acme/shop-backend");

    private final HubStandIn hub = HubStandIn.start(TOKEN);
    private final FakeTime time = new FakeTime();
    private final HubClient client = new HubClient(hub.baseUrl(), TOKEN, new RetryPolicy(3, Duration.ofMillis(200)),
            time);

    @AfterEach
    void close() {
        hub.close();
        assertThat(hub.violations()).isEmpty();
    }

    @Test
    @DisplayName("FR-004: a Space is created once; the Hub's 409 'already created' means it is there")
    void createsOnce() {
        assertThat(client.createSpaceIfMissing(SPACE, true, "docker")).isTrue();
        assertThat(client.createSpaceIfMissing(SPACE, true, "docker")).isFalse();
        assertThat(hub.isPrivate(SPACE.toString())).isTrue();
    }

    @Test
    @DisplayName("FR-004: a Space is deleted once; deleting a missing one is no error")
    void deletesSpace() {
        client.createSpaceIfMissing(SPACE, true, "docker");

        assertThat(client.deleteSpace(SPACE)).isTrue();
        assertThat(client.deleteSpace(SPACE)).isFalse();
        assertThat(hub.exists(SPACE.toString())).isFalse();
    }

    @Test
    @DisplayName("FR-004: a commit writes and removes files in one revision and answers its oid")
    void commitsAndDeletes() {
        client.createSpaceIfMissing(SPACE, true, "docker");
        SpaceCommit first = client.commit(SPACE, "first", "", List.of(file("Dockerfile", "FROM scratch\n"),
                file("old.txt", "old")), List.of());

        SpaceCommit second = client.commit(SPACE, "second", "", List.of(file("Dockerfile", "FROM scratch\n")),
                List.of("old.txt"));

        assertThat(first.oid()).isNotEqualTo(second.oid()).hasSize(40);
        assertThat(second.oid()).isEqualTo(hub.commit(SPACE.toString()));
        assertThat(client.files(SPACE)).containsExactly(".gitattributes", "Dockerfile", "README.md");
        assertThat(second.deleted()).containsExactly("old.txt");
    }

    @Test
    @DisplayName("FR-004: a file the Hub wants through Git LFS fails the commit before anything is written")
    void refusesLfsFiles() {
        client.createSpaceIfMissing(SPACE, true, "docker");
        String before = hub.commit(SPACE.toString());

        HubException e = catchThrowableOfType(HubException.class, () -> client.commit(SPACE, "jar", "",
                List.of(new SpaceFile("app.jar", new byte[]{'P', 'K', 0, 1})), List.of()));

        assertThat(e.permanent()).isTrue();
        assertThat(e).hasMessageContaining("app.jar (4 bytes)").hasMessageContaining("Git LFS");
        assertThat(hub.commit(SPACE.toString())).isEqualTo(before);
    }

    @Test
    @DisplayName("FR-004: variables and secrets are set and removed; secret values are never read back")
    void variablesAndSecrets() {
        client.createSpaceIfMissing(SPACE, true, "docker");
        client.setVariable(SPACE, "GREETING", "hello", null);
        client.setVariable(SPACE, "MODE", "prod", "why");
        client.deleteVariable(SPACE, "GREETING");
        client.setSecret(SPACE, "DB_PASSWORD", "s3cr3t", "db");
        client.setSecret(SPACE, "OLD", "x", null);
        client.deleteSecret(SPACE, "OLD");

        assertThat(client.variables(SPACE)).containsExactly(
                java.util.Map.entry("MODE", new SpaceVariable("prod", "why")));
        assertThat(hub.secretNames(SPACE.toString())).containsExactly("DB_PASSWORD");
        assertThat(hub.hasSecret(SPACE.toString(), "DB_PASSWORD", "s3cr3t")).isTrue();
    }

    @Test
    @DisplayName("FR-004: a secret's value the Hub quotes in its refusal, as sent or JSON-escaped, is in no message")
    void refusedSecretValueIsRedacted() {
        client.createSpaceIfMissing(SPACE, true, "docker");
        hub.refuseNextSecret(400);
        String value = "pa\"ss\\word-42";

        HubException e = catchThrowableOfType(HubException.class,
                () -> client.setSecret(SPACE, "DB_PASSWORD", value, null));

        assertThat(e.permanent()).isTrue();
        assertThat(e).hasMessage("huggingface: acme/shop-backend: cannot set secret DB_PASSWORD (HTTP 400): Invalid"
                + " value for secret DB_PASSWORD: '***' in {\"key\":\"DB_PASSWORD\",\"value\":\"***\"}");
        assertThat(e.toString()).doesNotContain("word-42");
        assertThat(hub.secretNames(SPACE.toString())).isEmpty();
    }

    @Test
    @DisplayName("FR-004: removing a secret the Space lacks is no error: 200 as recorded, or 404")
    void removingAnAbsentSecret() {
        client.createSpaceIfMissing(SPACE, true, "docker");

        assertThat(client.deleteSecret(SPACE, "NEVER_SET")).isTrue();
        assertThat(client.deleteSecret(SpaceId.parse("acme/nothing"), "NEVER_SET")).isFalse();
    }

    @Test
    @DisplayName("FR-004: restart and runtime give the stage, and the Hub's errorMessage when the build failed")
    void runtimeStages() {
        hub.buildPolls(0);
        hub.failNextBuild("BUILD_ERROR", "no such file: requirements.txt");
        client.createSpaceIfMissing(SPACE, true, "docker");

        assertThat(client.restart(SPACE)).isEqualTo(new SpaceRuntime("BUILDING", null));
        SpaceRuntime failed = client.runtime(SPACE);
        assertThat(failed.hasFailed()).isTrue();
        assertThat(failed).isEqualTo(new SpaceRuntime("BUILD_ERROR", "no such file: requirements.txt"));
    }

    @Test
    @DisplayName("FR-004: 503 twice, then the answer: transient failures are tried again with backoff")
    void retriesTransientFailures() {
        hub.failNextRequests(2, 503);

        assertThat(client.createSpaceIfMissing(SPACE, true, "docker")).isTrue();

        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    @DisplayName("FR-004: 429 on every attempt: at most 3 attempts, then a transient HubException")
    void givesUpAfterThreeAttempts() {
        hub.failNextRequests(5, 429);

        HubException e = catchThrowableOfType(HubException.class,
                () -> client.createSpaceIfMissing(SPACE, true, "docker"));

        assertThat(e.permanent()).isFalse();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e).hasMessage("huggingface: acme/shop-backend: cannot create the Space (HTTP 429):"
                + " Too many requests (3 attempts)");
        assertThat(hub.requests()).hasSize(3);
    }

    @Test
    @DisplayName("FR-004: a refused token is permanent at once, and the token is in no message")
    void refusedTokenIsPermanent() {
        HubClient wrong = new HubClient(hub.baseUrl(), "hf_wrong_token_5678", new RetryPolicy(3, Duration.ZERO), time);

        HubException e = catchThrowableOfType(HubException.class, () -> wrong.runtime(SPACE));

        assertThat(e.permanent()).isTrue();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessage("huggingface: acme/shop-backend: cannot read the runtime (HTTP 401):"
                + " Invalid credentials in Authorization header");
        assertThat(e.toString()).doesNotContain("hf_wrong_token_5678");
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    @DisplayName("FR-004: an unknown Space is a permanent 404 naming the Space")
    void unknownSpace() {
        assertThatThrownBy(() -> client.variables(SpaceId.parse("acme/nothing")))
                .isInstanceOf(HubException.class)
                .hasMessage("huggingface: acme/nothing: cannot read the variables (HTTP 404):"
                        + " Repository not found");
    }

    @Test
    @DisplayName("FR-004: a Hub that does not answer is tried 3 times, then a transient HubException")
    void unreachableHub() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HubClient offline = new HubClient(URI.create("http://127.0.0.1:" + closedPort), TOKEN,
                new RetryPolicy(3, Duration.ofMillis(10)), time);

        HubException e = catchThrowableOfType(HubException.class, () -> offline.runtime(SPACE));

        assertThat(e.permanent()).isFalse();
        assertThat(e).hasMessageContaining("did not answer").hasMessageContaining("3 attempts")
                .hasMessageNotContaining(TOKEN);
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void anEmptyTokenIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new HubClient(hub.baseUrl(), " ", new RetryPolicy(3, Duration.ZERO), time))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token is empty");
    }

    private static SpaceFile file(String path, String content) {
        return new SpaceFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}

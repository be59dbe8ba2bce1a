package dev.slipway.build.domain;

import dev.slipway.standins.github.GitHubStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's requests are what GitHub's published description asks for (FR-002), checked by the stand-in. */
class GitHubStatusClientTest {
    private static final String SHA = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
    private static final String TOKEN = "ghp_clientTest";

    static GitHubStandIn github;

    @BeforeAll
    static void start() {
        github = GitHubStandIn.start(TOKEN);
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @Test
    void aStatusIsCreatedAsThePublishedDescriptionSays() throws Exception {
        GitHubStatusClient client = new GitHubStatusClient(github.baseUrl(), TOKEN, Duration.ofSeconds(5));

        StatusAnswer answer = client.post("Codertocat/Hello-World", SHA, new CommitStatus("slipway/web", CommitState.PENDING,
                "build #3 is testing and building web", "http://localhost:8082/api/builds/3/log"));

        assertThat(answer.status()).as("violations: %s", github.violations()).isEqualTo(201);
        assertThat(github.statuses("Codertocat", "Hello-World", SHA)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("pending");
            assertThat(s.context()).isEqualTo("slipway/web");
            assertThat(s.targetUrl()).isEqualTo("http://localhost:8082/api/builds/3/log");
        });
    }

    @Test
    void aRefusalComesBackWithGitHubsMessageAndNeverTheToken() throws Exception {
        GitHubStatusClient client = new GitHubStatusClient(github.baseUrl(), "ghp_notTheStandInsToken", Duration.ofSeconds(5));

        StatusAnswer answer = client.post("Codertocat/Hello-World", SHA, new CommitStatus("slipway/web", CommitState.SUCCESS,
                "tests passed", "http://localhost:8082/api/builds/3/log"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).isEqualTo("Bad credentials").doesNotContain("ghp_");
    }

    @Test
    @DisplayName("the stand-in refuses a state outside the published enum (\"passed\") with 422")
    void theStandInRefusesAStateOutsideTheEnum() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        github.baseUrl().resolve("/repos/Codertocat/Hello-World/statuses/" + SHA))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubStatusClient.API_VERSION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"passed\",\"context\":\"slipway/web\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(github.violations()).anyMatch(v -> v.contains("passed"));
        assertThat(GitHubStatusClient.message(response.body())).startsWith("Validation Failed; ");
    }

    @Test
    @DisplayName("GitHub's secondary rate limit, named only in its message, is waited out for at least a minute")
    void aSecondaryRateLimitIsReadFromTheMessage() throws Exception {
        GitHubStatusClient client = new GitHubStatusClient(github.baseUrl(), TOKEN, Duration.ofSeconds(5));
        github.secondaryRateLimitNext(1);

        StatusAnswer answer = client.post("Codertocat/Hello-World", SHA, new CommitStatus("slipway/web", CommitState.PENDING,
                "build #4 is testing and building web", "http://localhost:8082/api/builds/4/log"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.decide(1, Duration.ofMillis(200), Instant.now()))
                .isEqualTo(new StatusAnswer.Decision.RetryAfter(Duration.ofMinutes(1), "GitHub answered 403: " + answer.message()));
        assertThat(answer.message()).contains("secondary rate limit");
    }

    @Test
    void onlyGitHubRepositoryNamesAndCommitShasAreAccepted() {
        assertThat(GitHubStatusClient.isRepository("acme/shop")).isTrue();
        assertThat(GitHubStatusClient.isRepository("shop")).isFalse();
        assertThat(GitHubStatusClient.isRepository("acme/shop/../x")).isFalse();
        assertThat(GitHubStatusClient.isRepository("acme/..")).isFalse();
        assertThat(GitHubStatusClient.isCommitSha(SHA)).isTrue();
        assertThat(GitHubStatusClient.isCommitSha("a".repeat(64))).isTrue();
        assertThat(GitHubStatusClient.isCommitSha(SHA.substring(0, 12))).isFalse();
        assertThat(GitHubStatusClient.isCommitSha(SHA.toUpperCase(Locale.ROOT))).isFalse();
        assertThat(GitHubStatusClient.isCommitSha(null)).isFalse();
    }

    @Test
    void aCommitThatIsNotAShaIsRefusedBeforeAnyRequest() {
        GitHubStatusClient client = new GitHubStatusClient(github.baseUrl(), TOKEN, Duration.ofSeconds(5));
        int before = github.received().size();

        assertThatThrownBy(() -> client.post("Codertocat/Hello-World", "not-a-sha", new CommitStatus("slipway/web",
                CommitState.PENDING, "x", "http://localhost:8082/api/builds/4/log")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'not-a-sha' is not a commit SHA");
        assertThat(github.received()).hasSize(before);
    }
}

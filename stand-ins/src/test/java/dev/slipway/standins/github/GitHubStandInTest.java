package dev.slipway.standins.github;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The GitHub stand-in holds commit statuses to GitHub's published description (FR-002: statuses gate merges). */
class GitHubStandInTest {
    private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String VALID = """
            {"state":"success","target_url":"https://example.com/build/status","description":"The build succeeded!","context":"continuous-integration/jenkins"}""";

    static GitHubStandIn github;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        github = GitHubStandIn.start("ghp_standin");
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @BeforeEach
    void forget() {
        github.reset();
    }

    private static HttpResponse<String> post(String path, String body, String authorization, String accept, String version)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(github.baseUrl().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (version != null) {
            request.header("X-GitHub-Api-Version", version);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return post("/repos/octocat/Hello-World/statuses/" + SHA, body, "Bearer ghp_standin", GitHubStandIn.MEDIA_TYPE,
                GitHubStandIn.API_VERSION);
    }

    @Test
    @DisplayName("the published example is accepted, kept, and answered 201 with the status object")
    void thePublishedExampleIsAccepted() throws Exception {
        HttpResponse<String> response = post(VALID);

        assertThat(response.statusCode()).as("refused: %s", github.violations()).isEqualTo(201);
        assertThat(response.body()).contains("\"state\":\"success\"", "\"context\":\"continuous-integration/jenkins\"", "\"id\":");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/statuses/" + SHA));
        assertThat(github.statuses("octocat", "hello-world", SHA)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("success");
            assertThat(s.targetUrl()).isEqualTo("https://example.com/build/status");
            assertThat(s.description()).isEqualTo("The build succeeded!");
        });
        assertThat(github.violations()).isEmpty();
    }

    @Test
    @DisplayName("a state outside the published enum is refused with 422 and recorded")
    void aStateOutsideTheEnumIsRefused() throws Exception {
        HttpResponse<String> response = post("{\"state\":\"passed\",\"context\":\"slipway/web\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Validation Failed");
        assertThat(github.violations()).singleElement().asString().contains("422", "passed");
        assertThat(github.statuses("octocat", "Hello-World", SHA)).isEmpty();
    }

    @Test
    void aBodyWithoutTheRequiredStateOrWithUnknownFieldsIsRefused() throws Exception {
        assertThat(post("{\"context\":\"slipway/web\"}").statusCode()).isEqualTo(422);
        assertThat(post("{\"state\":\"pending\",\"colour\":\"amber\"}").statusCode()).isEqualTo(422);
        assertThat(github.violations()).hasSize(2);
    }

    @Test
    void theTokenAndGitHubsHeadersAreRequired() throws Exception {
        String path = "/repos/octocat/Hello-World/statuses/" + SHA;
        assertThat(post(path, VALID, null, GitHubStandIn.MEDIA_TYPE, GitHubStandIn.API_VERSION).statusCode()).isEqualTo(401);
        assertThat(post(path, VALID, "Bearer wrong", GitHubStandIn.MEDIA_TYPE, GitHubStandIn.API_VERSION).statusCode()).isEqualTo(401);
        assertThat(post(path, VALID, "token ghp_standin", GitHubStandIn.MEDIA_TYPE, GitHubStandIn.API_VERSION).statusCode()).isEqualTo(201);
        assertThat(post(path, VALID, "Bearer ghp_standin", "application/xml", GitHubStandIn.API_VERSION).statusCode()).isEqualTo(415);
        assertThat(post(path, VALID, "Bearer ghp_standin", GitHubStandIn.MEDIA_TYPE, null).statusCode()).isEqualTo(400);
        assertThat(post("/repos/octocat/Hello-World/check-runs", VALID, "Bearer ghp_standin", GitHubStandIn.MEDIA_TYPE,
                GitHubStandIn.API_VERSION).statusCode()).isEqualTo(404);
        assertThat(github.violations()).hasSize(5).noneMatch(v -> v.contains("wrong"));
    }

    @Test
    void faultsAreAnsweredInPlaceOfTheNextRequests() throws Exception {
        github.failNextFor("0".repeat(40), 1, 422);
        github.failNext(1, 503);
        github.rateLimitNext(1);

        assertThat(post(VALID).statusCode()).isEqualTo(503);
        HttpResponse<String> limited = post(VALID);
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(post(VALID).statusCode()).isEqualTo(201);
        assertThat(github.received()).extracting(GitHubStandIn.Received::status).isEqualTo(List.of(503, 403, 201));
        assertThat(github.statuses("octocat", "Hello-World", SHA)).hasSize(1);
        // a fault for another commit is kept for that commit
        HttpResponse<String> other = post("/repos/octocat/Hello-World/statuses/" + "0".repeat(40), VALID, "Bearer ghp_standin",
                GitHubStandIn.MEDIA_TYPE, GitHubStandIn.API_VERSION);
        assertThat(other.statusCode()).isEqualTo(422);
    }

    @Test
    void aSecondaryRateLimitSaysSoInItsMessage() throws Exception {
        github.secondaryRateLimitNext(1);

        HttpResponse<String> limited = post(VALID);

        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.body()).contains("secondary rate limit");
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).hasValue("4990");
        assertThat(post(VALID).statusCode()).isEqualTo(201);
    }

    @Test
    void aRateLimitOfACommitLastsFromItsFirstRequestUntilTheResetItNames() throws Exception {
        github.rateLimitFor(SHA, Duration.ofMillis(300));

        HttpResponse<String> first = post(VALID);
        HttpResponse<String> second = post(VALID);
        String other = "/repos/octocat/Hello-World/statuses/" + "0".repeat(40);
        int otherStatus = post(other, VALID, "Bearer ghp_standin", GitHubStandIn.MEDIA_TYPE, GitHubStandIn.API_VERSION).statusCode();

        assertThat(first.statusCode()).isEqualTo(403);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(otherStatus).as("another commit is not limited").isEqualTo(201);
        long reset = Long.parseLong(first.headers().firstValue("x-ratelimit-reset").orElseThrow());
        assertThat(first.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(Instant.ofEpochSecond(reset)).isAfter(Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> post(VALID).statusCode() == 201);
        assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(reset - 1);
        assertThat(github.statuses("octocat", "Hello-World", SHA)).hasSize(1);
    }
}

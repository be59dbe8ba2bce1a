package dev.slipway.build.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Creates commit statuses through GitHub's REST API: {@code POST /repos/{owner}/{repo}/statuses/{sha}} with the
 * headers GitHub's documentation asks for. The token is sent only in the {@code Authorization} header and never
 * appears in what this class returns.
 */
public final class GitHubStatusClient {
    public static final String API_VERSION = "2022-11-28";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    /** @param apiUrl e.g. {@code https://api.github.com}, or GitHub Enterprise Server's {@code https://host/api/v3} */
    public GitHubStatusClient(URI apiUrl, String token, Duration timeout) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("github.token is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("github.timeout must be positive, got " + timeout);
        }
        String url = apiUrl.toString();
        this.apiUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Whether statuses can be set on this repository name: GitHub's {@code owner/name}. */
    public static boolean isRepository(String repository) {
        return repository != null && REPOSITORY.matcher(repository).matches() && !repository.endsWith("/.")
                && !repository.endsWith("/..");
    }

    /** Whether statuses can be set on this commit: a full SHA-1 or SHA-256 commit id, as GitHub names commits. */
    public static boolean isCommitSha(String sha) {
        return sha != null && SHA.matcher(sha).matches();
    }

    /**
     * @throws IllegalArgumentException when the repository or the SHA is not one GitHub could take; no request is made
     * @throws InterruptedException     when the thread is interrupted (shutdown); whether GitHub took it is unknown
     */
    public StatusAnswer post(String repository, String sha, CommitStatus status) throws InterruptedException {
        if (!isRepository(repository)) {
            throw new IllegalArgumentException("repository '" + repository + "' is not GitHub's owner/name");
        }
        if (!isCommitSha(sha)) {
            throw new IllegalArgumentException("'" + sha + "' is not a commit SHA");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/repos/" + repository + "/statuses/" + sha))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "slipway-build-service")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(status)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return StatusAnswer.answered(response.statusCode(), message(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("x-ratelimit-remaining").orElse(null),
                    response.headers().firstValue("x-ratelimit-reset").orElse(null));
        } catch (HttpTimeoutException e) {
            return StatusAnswer.noAnswer("no answer from " + apiUrl + " within " + Durations.format(timeout));
        } catch (IOException e) {
            return StatusAnswer.noAnswer("no answer from " + apiUrl + ": " + e);
        }
    }

    static String body(CommitStatus status) {
        ObjectNode body = JSON.createObjectNode();
        body.put("state", status.state().apiName());
        body.put("target_url", status.targetUrl());
        body.put("description", status.description());
        body.put("context", status.context());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** GitHub's error message, with the details of a validation failure; the start of any other body. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json.hasNonNull("message")) {
                StringBuilder text = new StringBuilder(json.get("message").asText());
                for (JsonNode error : json.path("errors")) {
                    text.append("; ").append(error.hasNonNull("message") ? error.get("message").asText() : error.toString());
                }
                return excerpt(text.toString());
            }
        } catch (IOException e) {
            // not JSON: shown as it came
        }
        return excerpt(body.strip());
    }

    private static String excerpt(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

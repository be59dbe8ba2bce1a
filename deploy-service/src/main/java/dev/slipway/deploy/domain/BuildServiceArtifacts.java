package dev.slipway.deploy.domain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Downloads artifacts from the build-service ({@code GET /api/artifacts/{digest}}). Network errors, 5xx and
 * 429 are retried (3 attempts in all); any other answer fails at once.
 */
public final class BuildServiceArtifacts implements ArtifactSource {
    private static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    public BuildServiceArtifacts(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.replaceFirst("/+$", "");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public void download(Digest digest, Path into) {
        URI uri = URI.create(baseUrl + "/api/artifacts/" + digest);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        String lastProblem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(BACKOFF.multipliedBy(attempt - 1));
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.ofFile(into, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)).statusCode();
                if (status == 200) {
                    return;
                }
                lastProblem = "the build-service answered " + status + " for artifact " + digest;
                if (status == 404) {
                    throw new DeployException("artifact " + digest + " not found at the build-service (404)");
                }
                if (status != 429 && status < 500) {
                    throw new DeployException(lastProblem);
                }
            } catch (IOException e) {
                lastProblem = "cannot download artifact " + digest + " from " + baseUrl + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("interrupted while downloading artifact " + digest, e);
            }
        }
        throw new DeployException(lastProblem + " (" + ATTEMPTS + " attempts)");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting to retry a download", e);
        }
    }
}

package dev.slipway.deploy.domain;

import dev.slipway.events.ComponentCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET of a component's health check, as a release is checked before anyone is switched to it. */
public final class HealthProbe {
    private final Duration timeout;
    private final HttpClient http;

    /** @param redirects whether a check follows redirects (a hosted site may answer {@code /} with one) */
    public HealthProbe(Duration timeout, HttpClient.Redirect redirects) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(redirects).build();
    }

    /** Null when the check passes; otherwise what it saw. */
    public String problem(ComponentCheck check) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(check.url())).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == check.expectedStatus() ? null : "status " + answer.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while checking " + check.component(), e);
        }
    }
}

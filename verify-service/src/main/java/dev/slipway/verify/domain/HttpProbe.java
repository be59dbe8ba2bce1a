package dev.slipway.verify.domain;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/** One HTTP GET of a health-check URL, turned into an outcome a person can read. */
public final class HttpProbe {
    private final Duration timeout;
    private final HttpClient client;

    public HttpProbe(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        // Redirects are not followed: a check expects one exact status from the URL it names.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @throws InterruptedException when the thread is interrupted (shutdown); the attempt then did not happen */
    public ProbeOutcome get(String url, int expectedStatus) throws InterruptedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout).build();
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.noAnswer("invalid URL: " + e.getMessage(), Duration.ZERO);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return ProbeOutcome.answered(response.statusCode(), expectedStatus, since(start));
        } catch (HttpTimeoutException e) {
            return ProbeOutcome.noAnswer("timed out after " + seconds(timeout), since(start));
        } catch (ConnectException e) {
            return ProbeOutcome.noAnswer(connectError(e, request.uri()), since(start));
        } catch (IOException e) {
            return ProbeOutcome.noAnswer("no answer: " + e, since(start));
        }
    }

    private static String connectError(ConnectException e, URI uri) {
        if (e.getCause() instanceof UnresolvedAddressException) {
            return "unknown host " + uri.getHost();
        }
        String message = e.getMessage();
        // The JDK client reports a refused connection with no message or "Connection refused".
        if (message == null || message.toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused";
        }
        return "cannot connect: " + message;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}

package dev.slipway.notify.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Posts a message to a Slack-compatible incoming webhook: {@code POST}, {@code Content-Type: application/json},
 * body {@code {"text": "..."}}.
 */
public final class SlackWebhook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final HttpClient client;

    public SlackWebhook(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @throws InterruptedException when the thread is interrupted (shutdown); whether Slack got it is unknown */
    public WebhookResponse post(SecretUrl channel, String text) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(text)))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return WebhookResponse.answered(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"), since(start));
        } catch (HttpTimeoutException e) {
            return WebhookResponse.noAnswer("timed out after " + seconds(timeout), since(start));
        } catch (ConnectException e) {
            return WebhookResponse.noAnswer("cannot connect to " + channel.masked()
                    + (e.getMessage() == null ? "" : ": " + channel.scrub(e.getMessage())), since(start));
        } catch (IOException e) {
            return WebhookResponse.noAnswer("no answer: " + channel.scrub(e.toString()), since(start));
        }
    }

    static String body(String text) {
        try {
            return JSON.writeValueAsString(new SlackMessage(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of one string always serializes", e);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** The minimal incoming-webhook payload. */
    record SlackMessage(String text) {
    }
}

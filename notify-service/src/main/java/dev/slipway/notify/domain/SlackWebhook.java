package dev.slipway.notify.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    /**
     * Over within the timeout, whatever the receiver does; an answer's body is read only as far as its excerpt.
     *
     * @throws InterruptedException when the thread is interrupted (shutdown); whether Slack got it is unknown
     */
    public WebhookResponse post(SecretUrl channel, String text) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(text)))
                .build();
        return WebhookExchange.post(client, request, channel, timeout);
    }

    static String body(String text) {
        try {
            return JSON.writeValueAsString(new SlackMessage(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of one string always serializes", e);
        }
    }

    /** The minimal incoming-webhook payload. */
    record SlackMessage(String text) {
    }
}

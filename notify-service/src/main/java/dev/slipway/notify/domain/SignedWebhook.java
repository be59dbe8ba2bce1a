package dev.slipway.notify.domain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Posts a {@link WebhookPayload} to a webhook channel: {@code POST}, {@code Content-Type: application/json}, signed
 * ({@value WebhookSignature#HEADER}), with the kind in {@value #EVENT_HEADER} and the delivery id in
 * {@value #DELIVERY_HEADER}, as GitHub sends its own webhooks. Redirects are not followed: the signature is for the
 * configured URL.
 */
public final class SignedWebhook {
    public static final String EVENT_HEADER = "X-Slipway-Event";
    public static final String DELIVERY_HEADER = "X-Slipway-Delivery";
    static final String USER_AGENT = "Slipway-Notify/1";

    private final Duration timeout;
    private final HttpClient client;

    public SignedWebhook(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Over within the timeout, whatever the receiver does; an answer's body is read only as far as its excerpt.
     *
     * @throws InterruptedException when the thread is interrupted (shutdown); whether it arrived is unknown
     */
    public WebhookResponse post(WebhookChannel channel, WebhookPayload payload) throws InterruptedException {
        byte[] body = payload.body();
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url().url()))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(EVENT_HEADER, payload.kind())
                .header(DELIVERY_HEADER, payload.deliveryId())
                .header(WebhookSignature.HEADER, channel.signature().sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return WebhookExchange.post(client, request, channel.url(), timeout);
    }
}

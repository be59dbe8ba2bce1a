package dev.slipway.notify.domain;

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

    /** @throws InterruptedException when the thread is interrupted (shutdown); whether it arrived is unknown */
    public WebhookResponse post(WebhookChannel channel, WebhookPayload payload) throws InterruptedException {
        byte[] body = payload.body();
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.url().url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(EVENT_HEADER, payload.kind())
                .header(DELIVERY_HEADER, payload.deliveryId())
                .header(WebhookSignature.HEADER, channel.signature().sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        SecretUrl url = channel.url();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return WebhookResponse.answered(response.statusCode(), url.scrub(response.body()),
                    response.headers().firstValue("Retry-After"), since(start));
        } catch (HttpTimeoutException e) {
            return WebhookResponse.noAnswer("timed out after "
                    + BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s", since(start));
        } catch (ConnectException e) {
            return WebhookResponse.noAnswer("cannot connect to " + url.masked()
                    + (e.getMessage() == null ? "" : ": " + url.scrub(e.getMessage())), since(start));
        } catch (IOException e) {
            return WebhookResponse.noAnswer("no answer: " + url.scrub(e.toString()), since(start));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

package dev.slipway.notify.domain;

import dev.slipway.notify.domain.StallingReceiver.Behaviour;
import dev.slipway.platform.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FR-007: a receiver cannot hold a delivery worker. One that sends its answer's headers and then stalls, or a body
 * without end, costs an attempt at most the timeout: the attempt ends, its connection is closed, and a stall counts
 * as a transient failure that is retried.
 */
class WebhookExchangeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Far less than the receiver would send, far more than the time the first bytes take on loopback. */
    private static final Duration PROMPTLY = TIMEOUT.plusSeconds(2);
    private static final WebhookSignature KEY = new WebhookSignature("a-key-of-16-chars-or-more");

    private final DeliveryRules rules = new DeliveryRules(new RetryPolicy(3, Duration.ofMillis(100)));

    @Test
    void signedWebhookWhoseReceiverStallsAfterItsHeadersEndsWithinTheTimeoutAndIsRetried() throws Exception {
        try (StallingReceiver receiver = new StallingReceiver(Behaviour.HEADERS_THEN_STALL, 200)) {
            long start = System.nanoTime();
            WebhookResponse response = new SignedWebhook(TIMEOUT).post(hook(receiver), payload());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(PROMPTLY);
            assertThat(response.status()).isNull();
            assertThat(response.error()).isEqualTo("timed out after 0.5 s");
            assertThat(rules.decideWebhook(response, 1))
                    .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofMillis(100), "timed out after 0.5 s"));
            await().atMost(Duration.ofSeconds(5)).until(receiver::clientHungUp);
        }
    }

    @Test
    void slackWebhookWhoseReceiverStallsAfterItsHeadersEndsWithinTheTimeoutAndIsRetried() throws Exception {
        try (StallingReceiver receiver = new StallingReceiver(Behaviour.HEADERS_THEN_STALL, 200)) {
            long start = System.nanoTime();
            WebhookResponse response = new SlackWebhook(TIMEOUT).post(new SecretUrl(receiver.url()), "deploy failed");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(PROMPTLY);
            assertThat(response.error()).isEqualTo("timed out after 0.5 s");
            assertThat(rules.decide(response, 1))
                    .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofMillis(100), "timed out after 0.5 s"));
            await().atMost(Duration.ofSeconds(5)).until(receiver::clientHungUp);
        }
    }

    @Test
    void onlyTheStartOfAnEndlessBodyIsRead() throws Exception {
        try (StallingReceiver receiver = new StallingReceiver(Behaviour.ENDLESS_BODY, 200)) {
            long start = System.nanoTime();
            WebhookResponse response = new SignedWebhook(TIMEOUT).post(hook(receiver), payload());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("x".repeat(WebhookResponse.BODY_EXCERPT) + "…");
            assertThat(rules.decideWebhook(response, 1)).isInstanceOf(DeliveryDecision.Delivered.class);
            await().atMost(Duration.ofSeconds(5)).until(receiver::clientHungUp);
            assertThat(receiver.bodyBytesSent()).isLessThan(StallingReceiver.ENDLESS);
        }
    }

    @Test
    void aServerErrorWithAnEndlessBodyIsRetriedWithAnExcerptOfIt() throws Exception {
        try (StallingReceiver receiver = new StallingReceiver(Behaviour.ENDLESS_BODY, 503)) {
            WebhookResponse response = new SlackWebhook(TIMEOUT).post(new SecretUrl(receiver.url()), "deploy failed");

            assertThat(response.status()).isEqualTo(503);
            assertThat(rules.decide(response, 1)).isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofMillis(100),
                    "webhook answered HTTP 503 " + "x".repeat(WebhookResponse.BODY_EXCERPT) + "…"));
        }
    }

    @Test
    void noReceiverAtAllIsACannotConnectThatHidesTheUrlsSecretPath() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SecretUrl url = new SecretUrl("http://127.0.0.1:" + port + "/hooks/secret-path-token");

        WebhookResponse response = new SlackWebhook(TIMEOUT).post(url, "deploy failed");

        assertThat(response.status()).isNull();
        assertThat(response.error()).startsWith("cannot connect to http://127.0.0.1:" + port + "/…")
                .doesNotContain("secret-path-token");
    }

    private static WebhookChannel hook(StallingReceiver receiver) {
        return new WebhookChannel("channel:hook", "hook", new SecretUrl(receiver.url()), KEY, Routing.everything());
    }

    private static WebhookPayload payload() {
        return WebhookPayload.of(WebhookPayload.deliveryId("e-1", "channel:hook"), NotificationKind.DEPLOY_FAILED,
                "dev.slipway.deploy.failed.v1", "e-1", "shop", "production", 12L, "9049f12a",
                OffsetDateTime.parse("2026-11-26T11:05:00Z"), "[Slipway] shop/production: deploy failed",
                "❌ shop/production: deploy of version 12 failed", null);
    }
}

package dev.slipway.notify.domain;

import dev.slipway.platform.retry.RetryPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FR-007: Slack's documented incoming-webhook answers (shared/reference/slack), a webhook receiver's answers and an
 * SMTP server's replies, and how each is handled: delivered, retried, or failed at once.
 */
class DeliveryRulesTest {
    private final DeliveryRules rules = new DeliveryRules(new RetryPolicy(3, Duration.ofMillis(500)));

    @Test
    void twoHundredIsDelivered() {
        assertThat(rules.decide(answer(200, "ok", null), 1)).isInstanceOf(DeliveryDecision.Delivered.class);
    }

    @Test
    void rateLimitWaitsForRetryAfter() {
        DeliveryDecision decision = rules.decide(answer(429, "{\"calls\": 5}", "7"), 1);

        assertThat(decision).isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofSeconds(7),
                "rate limited (HTTP 429), asked to retry after 7 s"));
    }

    @Test
    void retryAfterLongerThanTenMinutesWaitsTenMinutesAndCountsAsAFailedAttempt() {
        assertThat(rules.decide(answer(429, "", "600"), 1)).isEqualTo(new DeliveryDecision.RetryAfter(
                Duration.ofMinutes(10), "rate limited (HTTP 429), asked to retry after 600 s"));
        assertThat(rules.decide(answer(429, "", "999999"), 1)).isEqualTo(new DeliveryDecision.RetryAfter(
                Duration.ofMinutes(10), "rate limited (HTTP 429), asked to retry after 999999 s, longer than the 600 s"
                + " waited at most"));
        assertThat(rules.decideWebhook(answer(429, "slow down", "99999999999999999999999"), 2))
                .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofMinutes(10), "rate limited (HTTP 429), asked to"
                        + " retry after 99999999999999999999999 s, longer than the 600 s waited at most"));
        assertThat(rules.decideWebhook(answer(429, "slow down", "86400"), 3)).isEqualTo(new DeliveryDecision.Failed(
                "gave up after 3 attempts; last: rate limited (HTTP 429), asked to retry after 86400 s, longer than"
                        + " the 600 s waited at most"));
    }

    @Test
    void rateLimitWithoutUsableRetryAfterBacksOff() {
        assertThat(rules.decide(answer(429, "", "soon"), 2))
                .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofSeconds(1), "rate limited (HTTP 429)"));
    }

    @Test
    void serverErrorsAndNoAnswerAreRetriedWithBackoffThenGivenUp() {
        assertThat(rules.decide(answer(500, "rollup_error", null), 1)).isEqualTo(new DeliveryDecision.RetryAfter(
                Duration.ofMillis(500), "webhook answered HTTP 500 rollup_error (Slack had an internal error)"));
        assertThat(((DeliveryDecision.RetryAfter) rules.decide(
                WebhookResponse.noAnswer("timed out after 10 s", Duration.ofSeconds(10)), 2)).delay())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(rules.decide(answer(503, "", null), 3)).isEqualTo(new DeliveryDecision.Failed(
                "gave up after 3 attempts; last: webhook answered HTTP 503"));
    }

    @Test
    void everyDocumentedClientErrorFailsAtOnceNamingIt() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Reference.read("slack/incoming-webhook-errors.transcribed.json"));
        int clientErrors = 0;
        for (JsonNode error : reference.get("errors")) {
            int status = error.get("http").asInt();
            String body = error.get("body").asText();
            DeliveryDecision decision = rules.decide(answer(status, body, null), 1);
            if (status >= 500) {
                assertThat(decision).isInstanceOf(DeliveryDecision.RetryAfter.class);
            } else {
                clientErrors++;
                assertThat(decision).isInstanceOf(DeliveryDecision.Failed.class);
                assertThat(((DeliveryDecision.Failed) decision).reason())
                        .startsWith("webhook answered HTTP " + status + " " + body + " (");
            }
        }
        assertThat(clientErrors).isEqualTo(5);
    }

    @Test
    void undocumentedClientErrorIsPermanentToo() {
        assertThat(rules.decide(answer(401, "invalid_token", null), 1))
                .isEqualTo(new DeliveryDecision.Failed("webhook answered HTTP 401 invalid_token"));
    }

    @Test
    void webhookIsDeliveredOnAny2xx() {
        assertThat(rules.decideWebhook(answer(200, "", null), 1)).isInstanceOf(DeliveryDecision.Delivered.class);
        assertThat(rules.decideWebhook(answer(202, "queued", null), 1)).isInstanceOf(DeliveryDecision.Delivered.class);
        assertThat(rules.decideWebhook(answer(204, "", null), 1)).isInstanceOf(DeliveryDecision.Delivered.class);
    }

    @Test
    void webhookRateLimitWaitsForRetryAfterAndServerErrorsBackOff() {
        assertThat(rules.decideWebhook(answer(429, "slow down", "2"), 1)).isEqualTo(new DeliveryDecision.RetryAfter(
                Duration.ofSeconds(2), "rate limited (HTTP 429), asked to retry after 2 s"));
        assertThat(rules.decideWebhook(answer(429, "", "Wed, 21 Oct 2026 07:28:00 GMT"), 2))
                .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofSeconds(1), "rate limited (HTTP 429)"));
        assertThat(rules.decideWebhook(answer(502, "bad gateway", null), 1)).isEqualTo(new DeliveryDecision.RetryAfter(
                Duration.ofMillis(500), "receiver answered HTTP 502 bad gateway"));
        assertThat(rules.decideWebhook(WebhookResponse.noAnswer("cannot connect to http://127.0.0.1:1/…",
                Duration.ofMillis(2)), 3)).isEqualTo(new DeliveryDecision.Failed(
                "gave up after 3 attempts; last: cannot connect to http://127.0.0.1:1/…"));
    }

    @Test
    void webhookClientErrorsAndRedirectsArePermanent() {
        assertThat(rules.decideWebhook(answer(401, "bad signature", null), 1))
                .isEqualTo(new DeliveryDecision.Failed("receiver answered HTTP 401 bad signature"));
        assertThat(rules.decideWebhook(answer(404, "", null), 1))
                .isEqualTo(new DeliveryDecision.Failed("receiver answered HTTP 404"));
        assertThat(rules.decideWebhook(answer(301, "", null), 1)).isEqualTo(new DeliveryDecision.Failed(
                "receiver answered HTTP 301 (redirects are not followed: configure the URL it points to)"));
    }

    @Test
    void emailAcceptedIsDeliveredA4xxReplyIsRetriedAndA5xxReplyFailsAtOnce() {
        assertThat(rules.decideEmail(EmailResult.accepted("accepted for ops@example.com", Duration.ofMillis(9)), 1))
                .isInstanceOf(DeliveryDecision.Delivered.class);
        assertThat(rules.decideEmail(EmailResult.refused(451, "451 4.2.1 mailbox busy", Duration.ofMillis(9)), 1))
                .isEqualTo(new DeliveryDecision.RetryAfter(Duration.ofMillis(500),
                        "SMTP server replied 451 4.2.1 mailbox busy"));
        assertThat(rules.decideEmail(EmailResult.refused(550, "5.1.1 no such user", Duration.ofMillis(9)), 1))
                .isEqualTo(new DeliveryDecision.Failed("SMTP server replied 550 5.1.1 no such user (permanent)"));
        assertThat(rules.decideEmail(EmailResult.noReply("cannot hand it to the SMTP server: Connection refused",
                Duration.ofMillis(9)), 3)).isEqualTo(new DeliveryDecision.Failed("gave up after 3 attempts; last:"
                + " cannot hand it to the SMTP server: Connection refused"));
    }

    private static WebhookResponse answer(int status, String body, String retryAfter) {
        return WebhookResponse.answered(status, body, Optional.ofNullable(retryAfter), Duration.ofMillis(5));
    }
}

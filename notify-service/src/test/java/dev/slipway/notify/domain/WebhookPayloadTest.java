package dev.slipway.notify.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-007: the webhook payload is a small stable schema: every key present, in a fixed order, time in UTC. */
class WebhookPayloadTest {

    @Test
    void everyKeyIsPresentInItsOrder() throws IOException {
        WebhookPayload payload = WebhookPayload.of(WebhookPayload.deliveryId("e-1", "channel:audit"),
                NotificationKind.DEPLOY_SUCCEEDED, "dev.slipway.deploy.succeeded.v1", "e-1", "shop", "production", 12L,
                "9049f12a", OffsetDateTime.parse("2026-11-26T11:05:00.250+01:00"), "[Slipway] shop/production: …",
                "✅ shop/production is live", null);

        JsonNode json = new ObjectMapper().readTree(payload.body());

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schema", "deliveryId", "kind", "eventType", "eventId", "app", "environment",
                "version", "commitSha", "occurredAt", "subject", "message", "incidentId");
        assertThat(json.get("schema").asText()).isEqualTo("slipway.notification.v1");
        assertThat(json.get("kind").asText()).isEqualTo("deploy-succeeded");
        assertThat(json.get("version").asLong()).isEqualTo(12);
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-26T10:05:00.250Z");
        assertThat(json.get("incidentId").isNull()).isTrue();
    }

    @Test
    void deliveryIdIsStablePerEventAndChannel() {
        assertThat(WebhookPayload.deliveryId("e-1", "channel:audit")).isEqualTo(WebhookPayload.deliveryId("e-1", "channel:audit"))
                .isNotEqualTo(WebhookPayload.deliveryId("e-1", "channel:ops"))
                .isNotEqualTo(WebhookPayload.deliveryId("e-2", "channel:audit"))
                .matches("[0-9a-f-]{36}");
    }
}

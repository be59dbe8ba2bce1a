package dev.slipway.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GitHub delivery as received.
 *
 * @param body       the exact bytes GitHub signed
 * @param repository {@code repository.full_name} from the payload
 * @param signature  the {@code X-Hub-Signature-256} header, null when absent
 */
public record WebhookDelivery(String event, String deliveryId, String signature, byte[] body, JsonNode payload,
                              String repository) {
}

package dev.slipway.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.slipway.ingest.domain.WebhookSignature;
import dev.slipway.ingest.messaging.DeliveryIngestor;
import dev.slipway.ingest.messaging.DeliveryRejected;
import dev.slipway.ingest.messaging.WebhookDelivery;
import dev.slipway.ingest.messaging.WebhookResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * GitHub's webhook endpoint. The body is taken as raw bytes because the signature covers exactly those bytes;
 * bodies over {@code quarkus.http.limits.max-body-size} (GitHub's 25 MB cap) are refused with 413 before this runs.
 */
@Path("/webhooks/github")
public class GithubWebhookResource {
    private static final int MAX_DELIVERY_ID = 128;

    private final DeliveryIngestor ingestor;
    private final ObjectReader json;

    public GithubWebhookResource(DeliveryIngestor ingestor, ObjectMapper mapper) {
        this.ingestor = ingestor;
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-GitHub-Event") String event,
                            @HeaderParam("X-GitHub-Delivery") String deliveryId,
                            @HeaderParam(WebhookSignature.HEADER) String signature,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            byte[] body) {
        requireHeader("X-GitHub-Event", event);
        requireHeader("X-GitHub-Delivery", deliveryId);
        if (deliveryId.length() > MAX_DELIVERY_ID) {
            throw new DeliveryRejected(400, "X-GitHub-Delivery is longer than " + MAX_DELIVERY_ID + " characters");
        }
        if (contentType != null && contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            throw new DeliveryRejected(415, "set the webhook's content type to application/json on GitHub");
        }
        JsonNode payload = parse(body);
        JsonNode fullName = payload.path("repository").path("full_name");
        if (!fullName.isTextual() || fullName.asText().isBlank()) {
            if ("ping".equals(event)) {
                // an organization's or a GitHub App's webhook says hello: there is nothing to check it against or do
                return ErrorMappers.json(200, WebhookResult.withoutRepository(deliveryId,
                        "ping names no repository (an organization's or app's webhook); ignored: no repository, "
                                + "nothing to do. Slipway acts on the webhooks of registered repositories"));
            }
            throw new DeliveryRejected(400, "payload has no repository.full_name; only repository webhooks are supported");
        }
        WebhookResult result = ingestor.ingest(new WebhookDelivery(event, deliveryId, signature, body, payload,
                fullName.asText()));
        return ErrorMappers.json(result.httpStatus(), result);
    }

    private static void requireHeader(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new DeliveryRejected(400, "missing " + name + " header");
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new DeliveryRejected(400, "the body is empty; expected the JSON payload");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryRejected(400, "malformed JSON" + Json.where(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (payload == null || !payload.isObject()) {
            throw new DeliveryRejected(400, "malformed payload: expected a JSON object");
        }
        return payload;
    }
}

package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo signs its deliveries exactly as GitHub does, checked against GitHub's published vectors. */
class WebhookSignerTest {

    @Test
    void signsEveryPublishedVectorAsGitHubDoes() throws Exception {
        JsonNode vectors = new ObjectMapper().readTree(Reference.bytes("github-webhooks/hmac-sha256-test-vectors.json"))
                .get("vectors");
        assertThat(vectors).isNotEmpty();
        for (JsonNode v : vectors) {
            assertThat(WebhookSigner.signature(v.get("secret").asText(),
                    v.get("payload").asText().getBytes(StandardCharsets.UTF_8)))
                    .as(v.get("source").asText())
                    .isEqualTo(v.get("x_hub_signature_256").asText());
        }
    }
}

package dev.slipway.notify.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FR-007: webhook channels are signed as GitHub signs its deliveries, so receivers reuse GitHub's verification code;
 * checked against the published vectors (shared/reference/github-webhooks/hmac-sha256-test-vectors.json).
 */
class WebhookSignatureTest {

    @Test
    void signsEveryPublishedVectorAsGitHubDoes() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Reference.read("github-webhooks/hmac-sha256-test-vectors.json"));
        int vectors = 0;
        for (JsonNode v : reference.get("vectors")) {
            WebhookSignature signature = new WebhookSignature(v.get("secret").asText());
            byte[] payload = v.get("payload").asText().getBytes(StandardCharsets.UTF_8);

            assertThat(signature.sign(payload)).isEqualTo(v.get("x_hub_signature_256").asText());
            assertThat(signature.verify(payload, v.get("x_hub_signature_256").asText())).isTrue();
            vectors++;
        }
        assertThat(vectors).isEqualTo(5);
    }

    @Test
    void rejectsThePublishedNegativeCases() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Reference.read("github-webhooks/hmac-sha256-test-vectors.json"));
        for (JsonNode n : reference.get("negative_cases_from_source")) {
            WebhookSignature signature = new WebhookSignature(n.get("secret").asText());

            assertThat(signature.verify(n.get("payload").asText().getBytes(StandardCharsets.UTF_8),
                    n.get("header").asText())).isEqualTo(n.get("expect").asBoolean());
        }
    }

    @Test
    void anotherKeyOrAnotherBodyDoesNotVerify() {
        byte[] body = "{\"kind\":\"deploy-failed\"}".getBytes(StandardCharsets.UTF_8);
        String header = new WebhookSignature("the-right-key-0123456789").sign(body);

        assertThat(new WebhookSignature("the-right-key-0123456789").verify(body, header)).isTrue();
        assertThat(new WebhookSignature("another-key-0123456789ab").verify(body, header)).isFalse();
        assertThat(new WebhookSignature("the-right-key-0123456789")
                .verify("{\"kind\":\"deploy-succeeded\"}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(new WebhookSignature("the-right-key-0123456789").verify(body, null)).isFalse();
    }

    @Test
    void theKeyIsNeverShown() {
        WebhookSignature signature = new WebhookSignature("do-not-print-me-ever");

        assertThat(signature.toString()).doesNotContain("do-not-print-me-ever");
        assertThatThrownBy(() -> new WebhookSignature("")).hasMessage("a signing secret must not be empty");
    }
}

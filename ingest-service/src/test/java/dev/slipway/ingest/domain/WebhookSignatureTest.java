package dev.slipway.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signature checks against the published vectors of GitHub's docs and octokit (FR-009: only GitHub's deliveries count). */
class WebhookSignatureTest {
    private static final String VECTORS = "github-webhooks/hmac-sha256-test-vectors.json";

    private static JsonNode vectors() throws IOException {
        return new ObjectMapper().readTree(Reference.path(VECTORS).toFile());
    }

    private static byte[] utf8(JsonNode vector) {
        return vector.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    }

    @TestFactory
    List<DynamicTest> everyPublishedVectorVerifiesAndSignsAlike() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode valid = vectors().get("vectors");
        assertThat(valid).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode v : valid) {
            String header = v.get("x_hub_signature_256").asText();
            tests.add(DynamicTest.dynamicTest(v.get("source").asText(), () -> {
                assertThat(WebhookSignature.verify(utf8(v), v.get("secret").asText(), header)).isTrue();
                assertThat(WebhookSignature.sign(utf8(v), v.get("secret").asText())).isEqualTo(header);
                if (v.has("signature_hex")) {
                    assertThat(header).isEqualTo("sha256=" + v.get("signature_hex").asText());
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyPublishedNegativeCaseIsRejected() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode negative = vectors().get("negative_cases_from_source");
        assertThat(negative).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode v : negative) {
            assertThat(v.get("expect").asBoolean()).isFalse();
            tests.add(DynamicTest.dynamicTest(v.get("header").asText() + " with secret " + v.get("secret").asText(), () ->
                    assertThat(WebhookSignature.verify(utf8(v), v.get("secret").asText(), v.get("header").asText()))
                            .isFalse()));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyValidVectorFailsWhenBodyOrSignatureIsAltered() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : vectors().get("vectors")) {
            String secret = v.get("secret").asText();
            String header = v.get("x_hub_signature_256").asText();
            tests.add(DynamicTest.dynamicTest("altered: " + v.get("source").asText(), () -> {
                byte[] body = utf8(v);
                byte[] changed = body.clone();
                changed[changed.length - 1] ^= 1;
                assertThat(WebhookSignature.verify(changed, secret, header)).as("one bit of the body").isFalse();
                char last = header.charAt(header.length() - 1);
                String otherHex = header.substring(0, header.length() - 1) + (last == '0' ? '1' : '0');
                assertThat(WebhookSignature.verify(body, secret, otherHex)).as("one hex digit").isFalse();
                assertThat(WebhookSignature.verify(body, secret + "x", header)).as("another secret").isFalse();
                assertThat(WebhookSignature.verify(body, secret, header.substring(7))).as("no sha256= prefix").isFalse();
                assertThat(WebhookSignature.verify(body, secret, header.replace("sha256=", "sha1="))).isFalse();
                assertThat(WebhookSignature.verify(body, secret, header.substring(0, header.length() - 2))).as("short").isFalse();
                assertThat(WebhookSignature.verify(body, secret, null)).as("missing").isFalse();
            }));
        }
        return tests;
    }

    @Test
    void nonHexSignatureIsRejectedRatherThanFailing() {
        assertThat(WebhookSignature.verify("{}".getBytes(StandardCharsets.UTF_8), "s", "sha256=" + "zz".repeat(32))).isFalse();
    }
}

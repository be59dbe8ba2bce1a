package dev.slipway.standins.netlify;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.testsupport.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Netlify's published OpenAPI description ({@code reference/netlify/open-api/swagger.yml}), read in place, as a
 * checker of the requests the stand-in gets and the answers it gives.
 */
final class NetlifyApiSpec {

    static final String REFERENCE = "netlify/open-api/swagger.yml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenApiInteractionValidator shared;

    private NetlifyApiSpec() {
    }

    /** Built once per JVM: reading the 150 kB description takes about a second, checking is then fast. */
    static synchronized OpenApiInteractionValidator validator() {
        if (shared == null) {
            shared = OpenApiInteractionValidator.createForInlineApiSpecification(specification()).build();
        }
        return shared;
    }

    /**
     * The description as JSON, with one adjustment: the validator treats every object schema as closed (as if
     * {@code additionalProperties: false}), which is right for schemas that list their properties (a misspelt
     * field is caught) but wrong for free-form maps such as {@code deployFiles.files} ({@code type: object} and no
     * properties), whose keys are data. Those get {@code additionalProperties: true}, what JSON Schema means.
     */
    private static String specification() {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Reference.path(REFERENCE).toFile());
            openFreeFormObjects(root);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REFERENCE, e);
        }
    }

    private static void openFreeFormObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("object".equals(object.path("type").asText()) && !object.has("properties")
                    && !object.has("additionalProperties") && !object.has("allOf")) {
                object.put("additionalProperties", true);
            }
            object.elements().forEachRemaining(NetlifyApiSpec::openFreeFormObjects);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(NetlifyApiSpec::openFreeFormObjects);
        }
    }

    /** What is wrong with a request to the API (its path starting with {@code /api/v1}); empty when nothing is. */
    static List<String> checkRequest(String method, String rawPath, Map<String, List<String>> query,
                                     Map<String, List<String>> headers, byte[] body) {
        Request.Method parsed = method(method);
        if (parsed == null) {
            return List.of("validation.request.operation.notAllowed: " + method + " is not an HTTP method the API has");
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(parsed, rawPath);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body.length > 0) {
            request.withBody(body);
        }
        return messages(validator().validateRequest(request.build()));
    }

    /** What is wrong with an answer the stand-in gives, against the operation's documented response schema. */
    static List<String> checkResponse(String method, String rawPath, int status, String contentType, byte[] body) {
        Request.Method parsed = method(method);
        if (parsed == null) {
            return List.of();
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body.length > 0) {
            response.withBody(new String(body, StandardCharsets.UTF_8));
        }
        return messages(validator().validateResponse(rawPath, parsed, response.build()));
    }

    static JsonNode json(byte[] body) throws IOException {
        return JSON.readTree(body);
    }

    private static Request.Method method(String method) {
        try {
            return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}

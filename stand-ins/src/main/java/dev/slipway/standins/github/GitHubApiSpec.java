package dev.slipway.standins.github;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.testsupport.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commit-status operation of GitHub's REST description
 * ({@code reference/github-rest/rest-api-description.excerpts.yaml}, read in place) as a checker of requests.
 * <p>
 * The excerpt is hand-transcribed and leaves out the description's shared {@code #/components/...}; this class
 * puts the operation into a complete OpenAPI 3.0.3 document and supplies the components it refers to, as GitHub's
 * full description defines them: the {@code owner} and {@code repo} path parameters and the {@code status}
 * schema of the answer. The operation itself (path, parameters, request body) is taken unchanged.
 */
final class GitHubApiSpec {

    static final String REFERENCE = "github-rest/rest-api-description.excerpts.yaml";
    static final String STATUSES_PATH = "/repos/{owner}/{repo}/statuses/{sha}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenApiInteractionValidator shared;

    private GitHubApiSpec() {
    }

    static synchronized OpenApiInteractionValidator validator() {
        if (shared == null) {
            shared = OpenApiInteractionValidator.createForInlineApiSpecification(specification()).build();
        }
        return shared;
    }

    private static String specification() {
        JsonNode excerpt;
        try {
            excerpt = new ObjectMapper(new YAMLFactory()).readTree(Reference.path(REFERENCE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REFERENCE, e);
        }
        JsonNode operation = excerpt.path("paths").path(STATUSES_PATH);
        if (operation.isMissingNode()) {
            throw new IllegalStateException(REFERENCE + " has no path " + STATUSES_PATH);
        }
        ObjectNode document = JSON.createObjectNode();
        document.put("openapi", "3.0.3");
        document.putObject("info").put("title", "GitHub v3 REST API (excerpt)").put("version", "1.1.4");
        document.putArray("servers").addObject().put("url", "https://api.github.com");
        document.putObject("paths").set(STATUSES_PATH, operation);
        ObjectNode components = document.putObject("components");
        ObjectNode parameters = components.putObject("parameters");
        parameters.set("owner", pathParameter("owner", "The account owner of the repository. The name is not case sensitive."));
        parameters.set("repo", pathParameter("repo", "The name of the repository without the `.git` extension. The name is not case sensitive."));
        components.putObject("schemas").set("status", statusSchema());
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode pathParameter(String name, String description) {
        ObjectNode parameter = JSON.createObjectNode();
        parameter.put("name", name).put("description", description).put("in", "path").put("required", true);
        parameter.putObject("schema").put("type", "string");
        return parameter;
    }

    /** {@code #/components/schemas/status}: the commit status GitHub answers with. */
    private static ObjectNode statusSchema() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("url").put("type", "string");
        properties.putObject("avatar_url").put("type", "string").put("nullable", true);
        properties.putObject("id").put("type", "integer");
        properties.putObject("node_id").put("type", "string");
        properties.putObject("state").put("type", "string");
        properties.putObject("description").put("type", "string").put("nullable", true);
        properties.putObject("target_url").put("type", "string").put("nullable", true);
        properties.putObject("context").put("type", "string");
        properties.putObject("created_at").put("type", "string");
        properties.putObject("updated_at").put("type", "string");
        properties.putObject("creator").put("type", "object").put("nullable", true).put("additionalProperties", true);
        schema.putArray("required").add("url").add("avatar_url").add("id").add("node_id").add("state")
                .add("description").add("target_url").add("context").add("created_at").add("updated_at").add("creator");
        return schema;
    }

    /** What is wrong with a request, against the published operation; empty when nothing is. */
    static List<String> checkRequest(String method, String rawPath, Map<String, List<String>> headers, String body) {
        Request.Method parsed;
        try {
            parsed = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return List.of("validation.request.operation.notAllowed: " + method + " is not an HTTP method the API has");
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(parsed, rawPath);
        // Accept is left to the stand-in: GitHub answers its own media type application/vnd.github+json with the
        // JSON the description lists under application/json, which the validator would take for a mismatch.
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Accept")) {
                request.withHeader(name, values);
            }
        });
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return validator().validateRequest(request.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}

package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Netlify API v1 operations of a file-digest deploy, as Netlify's OpenAPI description ({@code swagger.yml})
 * defines them. One client holds one token (an environment's secret); it is sent only in the
 * {@code Authorization} header and never appears in an exception message.
 *
 * <p>Retries follow Netlify's CLI, bounded like everything in Slipway: network failures, 408, 429 and 5xx are
 * tried again with backoff, at most {@code settings.retry().attempts()} attempts in all. Every other 4xx is
 * permanent and not retried: 400 and 422 (the CLI's own exceptions) and also 401, 403, 404, 409, which the CLI
 * retries although a wrong token, a missing permission or an unknown site cannot change between attempts.
 */
public final class NetlifyClient {

    private static final String JSON = "application/json";

    private final NetlifySettings settings;
    private final String token;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ObjectMapper mapper = new ObjectMapper();

    public NetlifyClient(NetlifySettings settings, String token) {
        this(settings, token, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public NetlifyClient(NetlifySettings settings, String token, Clock clock, Sleeper sleeper) {
        this(settings, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), clock, sleeper);
    }

    private NetlifyClient(NetlifySettings settings, String token, HttpClient http, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.token = checkedToken(token);
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The same client for another environment's token, sharing the connection pool. */
    public NetlifyClient withToken(String otherToken) {
        return new NetlifyClient(settings, otherToken, http, clock, sleeper);
    }

    /**
     * {@code POST /sites/{site_id}/deploys?title=...} with {@code {files, draft: true, branch}}: a draft deploy of
     * these files (path from {@code /} to SHA-1); the answer lists in {@code required} what to upload.
     */
    public NetlifyDeploy createDraftDeploy(String siteId, Map<String, String> files, String branch, String title) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode digests = body.putObject("files");
        files.forEach(digests::put);
        body.put("draft", true);
        if (branch != null) {
            body.put("branch", branch);
        }
        String query = title == null ? "" : "?title=" + query(title);
        String operation = "create a draft deploy on site '" + siteId + "'";
        JsonNode answer = call(operation, request("/sites/" + segment(siteId, "site id") + "/deploys" + query)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
        return deploy(answer);
    }

    /**
     * {@code PUT /deploys/{deploy_id}/files/{path}} as {@code application/octet-stream}. The description has the
     * file's path as one path parameter, so its {@code /} are escaped ({@code assets%2Fapp.js}), as Netlify's
     * generated Go client sends it.
     */
    public void uploadFile(String deployId, String path, byte[] content) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        call("upload " + path + " to deploy '" + deployId + "'",
                request("/deploys/" + segment(deployId, "deploy id") + "/files/" + segment(relative, "file path"))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** {@code GET /deploys/{deploy_id}}. */
    public NetlifyDeploy getDeploy(String deployId) {
        return deploy(call("read deploy '" + deployId + "'",
                request("/deploys/" + segment(deployId, "deploy id")).GET()));
    }

    /**
     * Polls the deploy until it is {@code ready}.
     *
     * @throws NetlifyException permanent when the deploy ends in {@code error} (with Netlify's error_message),
     *                          not permanent when it is not ready within {@code settings.readyTimeout()}
     */
    public NetlifyDeploy awaitReady(String deployId) {
        Instant deadline = clock.instant().plus(settings.readyTimeout());
        while (true) {
            NetlifyDeploy deploy = getDeploy(deployId);
            if (deploy.isReady()) {
                return deploy;
            }
            if (deploy.isFailed()) {
                String reason = deploy.errorMessage() == null || deploy.errorMessage().isBlank()
                        ? "Netlify gave no error message" : deploy.errorMessage();
                throw new NetlifyException(redact("netlify: deploy '" + deployId + "' failed: " + reason), 0, true);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new NetlifyException("netlify: deploy '" + deployId + "' was not ready after "
                        + settings.readyTimeout() + " (state '" + deploy.state() + "')", 0, false);
            }
            pause(settings.pollInterval(), "waiting for deploy '" + deployId + "'");
        }
    }

    /** {@code POST /sites/{site_id}/deploys/{deploy_id}/restore}: the site serves this deploy from now on. */
    public NetlifyDeploy restoreDeploy(String siteId, String deployId) {
        return deploy(call("publish deploy '" + deployId + "' on site '" + siteId + "'",
                request("/sites/" + segment(siteId, "site id") + "/deploys/" + segment(deployId, "deploy id") + "/restore")
                        .POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** {@code GET /sites/{site_id}}. */
    public NetlifySite getSite(String siteId) {
        JsonNode site = call("read site '" + siteId + "'", request("/sites/" + segment(siteId, "site id")).GET());
        String published = text(site.path("published_deploy"), "id");
        return new NetlifySite(text(site, "id"), text(site, "name"), text(site, "account_id"), text(site, "url"),
                text(site, "ssl_url"), Optional.ofNullable(published));
    }

    /** {@code GET /accounts/{account_id}/env?site_id=...}: the keys of the site's environment variables (values are not kept). */
    public Set<String> envVarKeys(String accountId, String siteId) {
        JsonNode list = call("list environment variables of site '" + siteId + "'",
                request("/accounts/" + segment(accountId, "account id") + "/env?site_id=" + query(siteId)).GET());
        Set<String> keys = new LinkedHashSet<>();
        list.forEach(variable -> keys.add(variable.path("key").asText()));
        return keys;
    }

    /** {@code POST /accounts/{account_id}/env?site_id=...}: new variables, each with one value for {@code context}. */
    public void createEnvVars(String accountId, String siteId, NetlifyContext context, Map<String, String> variables) {
        ArrayNode body = mapper.createArrayNode();
        variables.forEach((key, value) -> {
            ObjectNode variable = body.addObject();
            variable.put("key", key);
            fillValue(variable.putArray("values").addObject(), context, value);
        });
        call("create environment variables " + variables.keySet() + " on site '" + siteId + "' for " + context,
                request("/accounts/" + segment(accountId, "account id") + "/env?site_id=" + query(siteId))
                        .header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    /** {@code PATCH /accounts/{account_id}/env/{key}?site_id=...}: sets the variable's value for one context, keeping the others. */
    public void setEnvVarValue(String accountId, String siteId, String key, NetlifyContext context, String value) {
        ObjectNode body = mapper.createObjectNode();
        fillValue(body, context, value);
        call("set environment variable " + key + " on site '" + siteId + "' for " + context,
                request("/accounts/" + segment(accountId, "account id") + "/env/" + segment(key, "variable name")
                        + "?site_id=" + query(siteId))
                        .header("Content-Type", JSON)
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    // ---- HTTP

    private static void fillValue(ObjectNode value, NetlifyContext context, String text) {
        value.put("value", text);
        value.put("context", context.name());
        if (context.branch() != null) {
            value.put("context_parameter", context.branch());
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", JSON)
                .header("User-Agent", "slipway-deploy");
    }

    private JsonNode call(String operation, HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            int status;
            String detail;
            IOException cause = null;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(operation, response.body());
                }
                detail = "HTTP " + status + ": " + errorMessage(response.body());
            } catch (IOException e) {
                status = 0;
                detail = "could not reach Netlify (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetlifyException("netlify: " + operation + " was interrupted", 0, false, e);
            }
            boolean permanent = status != 0 && !isTransient(status);
            if (permanent || !settings.retry().allowsAnotherAfter(attempt)) {
                String attempts = attempt > 1 ? " (after " + attempt + " attempts)" : "";
                throw new NetlifyException(redact("netlify: " + operation + " failed: " + detail + attempts),
                        status, permanent, cause);
            }
            pause(settings.retry().delayAfter(attempt), operation);
        }
    }

    /** Worth another attempt: the server was busy, overloaded or slow; other 4xx answers will not change. */
    static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private void pause(Duration duration, String operation) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlifyException("netlify: " + operation + " was interrupted", 0, false, e);
        }
    }

    private JsonNode parse(String operation, byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new NetlifyException("netlify: " + operation + ": the answer is not JSON", 0, true);
        }
    }

    /** The {@code message} of Netlify's error body ({@code #/definitions/error}), else the start of the body. */
    private String errorMessage(byte[] body) {
        try {
            JsonNode json = mapper.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: show the text itself
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "no message";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Netlify does not echo tokens, but an answer is not ours to trust with a secret. */
    private String redact(String text) {
        return text.replace(token, "[token]");
    }

    private NetlifyDeploy deploy(JsonNode json) {
        List<String> required = new ArrayList<>();
        json.path("required").forEach(sha -> required.add(sha.asText()));
        return new NetlifyDeploy(text(json, "id"), text(json, "site_id"), text(json, "state"), required,
                text(json, "deploy_url"), text(json, "deploy_ssl_url"), text(json, "error_message"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON body", e);
        }
    }

    /** One path segment, everything but unreserved characters percent-escaped ({@code /} too). */
    static String segment(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Netlify " + what + " is empty");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String checkedToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the Netlify token is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // the token itself stays out of the message
                throw new IllegalArgumentException("the Netlify token has a character an HTTP header cannot carry at position " + i);
            }
        }
        return token;
    }
}

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
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Netlify API v1 operations of a file-digest deploy, as Netlify's OpenAPI description ({@code swagger.yml})
 * defines them. One client holds one token (an environment's secret); it is sent only in the
 * {@code Authorization} header and never appears in an exception message.
 *
 * <p>Retries follow Netlify's CLI, bounded like everything in Slipway: network failures, 408, 429 and 5xx are
 * tried again with backoff, at most {@code settings.retry().attempts()} attempts in all; a 429 that says how long
 * to wait ({@code Retry-After}, {@code X-RateLimit-Reset}) is waited out instead, up to a minute. Every other 4xx is
 * permanent and not retried: 400 and 422 (the CLI's own exceptions) and also 401, 403, 404, 409, which the CLI
 * retries although a wrong token, a missing permission or an unknown site cannot change between attempts.
 */
public final class NetlifyClient {

    private static final String JSON = "application/json";
    /** Every scope Netlify has: a deploy's variables are there for its build, functions and runtime alike. */
    private static final List<String> DEPLOY_VARIABLE_SCOPES = List.of("builds", "functions", "runtime", "post-processing");
    /** A server's wait before the next attempt is honoured up to this, never longer. */
    private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

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
     * {@code POST /sites/{site_id}/deploys?title=...} with {@code {files, draft: true, branch, environment}}: a draft
     * deploy of these files (path from {@code /} to SHA-1); the answer lists in {@code required} what to upload.
     * The variables belong to this deploy alone ({@code deployEnvironmentVariable}): fixed with it, restored with
     * it, and the site's own variables are left as they are.
     *
     * <p>This request is not idempotent: a retry after an attempt that got no answer or a 5xx may leave a second
     * draft behind. It is retried all the same, since a stray draft is never published and costs nothing.
     */
    public NetlifyDeploy createDraftDeploy(String siteId, Map<String, String> files, Map<String, String> variables,
                                           String branch, String title) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode digests = body.putObject("files");
        files.forEach(digests::put);
        body.put("draft", true);
        if (branch != null) {
            body.put("branch", branch);
        }
        if (!variables.isEmpty()) {
            ArrayNode environment = body.putArray("environment");
            variables.forEach((key, value) -> {
                ObjectNode variable = environment.addObject();
                variable.put("key", key);
                variable.put("value", value);
                variable.put("is_secret", false);
                ArrayNode scopes = variable.putArray("scopes");
                DEPLOY_VARIABLE_SCOPES.forEach(scopes::add);
            });
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
        return new NetlifySite(text(site, "id"), text(site, "name"), text(site, "url"), text(site, "ssl_url"),
                Optional.ofNullable(published));
    }

    // ---- HTTP

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
            Optional<Duration> asked = Optional.empty();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(operation, response.body());
                }
                detail = "HTTP " + status + ": " + errorMessage(response.body());
                if (status == 429) {
                    asked = rateLimitWait(response.headers());
                }
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
            pause(asked.orElse(settings.retry().delayAfter(attempt)), operation);
        }
    }

    /**
     * How long a 429 asks to wait: {@code Retry-After} in seconds, else until {@code X-RateLimit-Reset} (epoch
     * seconds), at most {@link #MAX_RATE_LIMIT_WAIT}. A reset that is not ahead of our clock says nothing we can
     * trust (the clocks differ), so the plain backoff applies then, as it does without either header.
     */
    private Optional<Duration> rateLimitWait(HttpHeaders headers) {
        Optional<Duration> wait = seconds(headers, "Retry-After").map(Duration::ofSeconds)
                .or(() -> seconds(headers, "X-RateLimit-Reset")
                        .map(reset -> Duration.between(clock.instant(), Instant.ofEpochSecond(reset)))
                        .filter(untilReset -> !untilReset.isNegative() && !untilReset.isZero()));
        return wait.map(duration -> duration.compareTo(MAX_RATE_LIMIT_WAIT) > 0 ? MAX_RATE_LIMIT_WAIT : duration);
    }

    /** A header holding a whole number of seconds; anything else (an HTTP date, garbage) counts as absent. */
    private static Optional<Long> seconds(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(String::strip).filter(value -> value.matches("[0-9]{1,12}"))
                .map(Long::parseLong);
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

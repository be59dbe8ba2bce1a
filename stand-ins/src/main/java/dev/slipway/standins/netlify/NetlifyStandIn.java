package dev.slipway.standins.netlify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Netlify API v1 (the operations a file-digest deploy uses: sites, deploys, file uploads,
 * restore, environment variables), on {@code http://127.0.0.1:<port>/api/v1}. It keeps state like Netlify does and
 * checks every API request against Netlify's published OpenAPI description: a request that does not follow it is
 * answered 422 with the checker's messages and kept in {@link #violations()}; its own answers are checked against
 * the documented response schemas too, so the stand-in cannot drift from the description unnoticed.
 *
 * <p>Deploys are served at {@code /deploys/<deploy_id>/} and each site's published deploy at
 * {@code /sites/<site_id>/}, with {@code _redirects} rules applied (status 200 to an http(s) URL proxies).
 */
public final class NetlifyStandIn implements AutoCloseable {

    /** A site made for a test. */
    public record Site(String id, String name, String accountId, URI url) {
    }

    /** One request the stand-in answered. {@code path} is the raw path as sent (percent-escapes kept). */
    public record RecordedRequest(String method, String path, String query, int status) {

        public boolean isApi() {
            return path.startsWith(API_PREFIX + "/");
        }
    }

    /** A request that broke the published description ({@code kind} "request") or an answer that did ("answer"). */
    public record Violation(String method, String path, String kind, List<String> messages) {
    }

    /**
     * What the stand-in knows of a deploy.
     *
     * @param environment the deploy's own variables ({@code deployFiles.environment}), as sent; empty when none
     */
    public record Deployment(String id, String siteId, String state, boolean draft, String branch, String title,
                             Map<String, String> files, String errorMessage, List<DeployVariable> environment) {
    }

    /** One of a deploy's own environment variables ({@code #/definitions/deployEnvironmentVariable}). */
    public record DeployVariable(String key, String value, boolean isSecret, List<String> scopes) {
    }

    static final String API_PREFIX = "/api/v1";

    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Set<String> CONTEXTS =
            Set.of("all", "dev", "dev-server", "branch-deploy", "deploy-preview", "production", "branch");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "date", "expect", "from",
            "host", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "via", "warning");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient proxyClient;
    private final Object lock = new Object();
    private final Map<String, SiteState> sites = new LinkedHashMap<>();
    private final Map<String, DeployState> deploys = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Violation> violations = Collections.synchronizedList(new ArrayList<>());
    private final Object failureLock = new Object();
    private int failuresLeft;
    private int failureStatus;
    private Map<String, String> failureHeaders = Map.of();
    private String nextDeployError;
    private int nextDeployProcessingPolls;

    /** @param token the only token the API accepts, as {@code Authorization: Bearer <token>} */
    public NetlifyStandIn(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the stand-in needs a token to require");
        }
        this.token = token;
        NetlifyApiSpec.validator();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the Netlify stand-in", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "netlify-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        proxyClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/api/v1}, what a client uses instead of {@code https://api.netlify.com/api/v1}. */
    public URI apiBase() {
        return URI.create(root() + API_PREFIX);
    }

    public Site createSite(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a Netlify site name is lowercase letters, digits and dashes, got '" + name + "'");
        }
        synchronized (lock) {
            SiteState site = new SiteState(UUID.randomUUID().toString(), name, randomId());
            sites.put(site.id, site);
            return new Site(site.id, name, site.accountId, siteUrl(site.id));
        }
    }

    /** Where a site's published deploy is served. */
    public URI siteUrl(String siteId) {
        return URI.create(root() + "/sites/" + siteId + "/");
    }

    public URI deployUrl(String deployId) {
        return URI.create(root() + "/deploys/" + deployId + "/");
    }

    public Optional<String> publishedDeployId(String siteId) {
        synchronized (lock) {
            return Optional.ofNullable(site(siteId).publishedDeployId);
        }
    }

    public Deployment deploy(String deployId) {
        synchronized (lock) {
            DeployState deploy = deploys.get(deployId);
            if (deploy == null) {
                throw new IllegalArgumentException("no deploy " + deployId);
            }
            return new Deployment(deploy.id, deploy.siteId, deploy.state, deploy.draft, deploy.branch, deploy.title,
                    Map.copyOf(deploy.files), deploy.errorMessage, deploy.environment);
        }
    }

    /** A site's deploys, oldest first. */
    public List<Deployment> deploys(String siteId) {
        synchronized (lock) {
            return deploys.values().stream().filter(d -> d.siteId.equals(siteId)).map(d -> deploy(d.id)).toList();
        }
    }

    /**
     * A site's environment variable values for one deploy context: {@code production}, {@code deploy-preview},
     * {@code branch-deploy}, {@code all}, ... or {@code branch:<name>}; key to value.
     */
    public Map<String, String> envValues(String siteId, String context) {
        synchronized (lock) {
            Map<String, String> result = new LinkedHashMap<>();
            site(siteId).env.forEach((key, values) -> values.stream()
                    .filter(v -> v.label().equals(context))
                    .findFirst()
                    .ifPresent(v -> result.put(key, v.value)));
            return result;
        }
    }

    /** Answers the next {@code count} API requests (after checking them) with {@code status} instead of handling them. */
    public void failNextRequests(int count, int status) {
        failNextRequests(count, status, Map.of());
    }

    /**
     * As {@link #failNextRequests(int, int)}, each failure carrying these headers: a 429 with {@code Retry-After}
     * or {@code X-RateLimit-Reset}, as Netlify's rate limiting answers.
     */
    public void failNextRequests(int count, int status, Map<String, String> headers) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure status is 4xx or 5xx, got " + status);
        }
        synchronized (failureLock) {
            failureStatus = status;
            failureHeaders = Map.copyOf(headers);
            failuresLeft = count;
        }
    }

    /** The next deploy created ends in state {@code error} with this {@code error_message} once its files are in. */
    public void failNextDeploy(String errorMessage) {
        synchronized (lock) {
            nextDeployError = errorMessage;
        }
    }

    /** The next deploy created stays {@code processing} for this many polls once its files are in. */
    public void keepNextDeployProcessing(int polls) {
        synchronized (lock) {
            nextDeployProcessingPolls = polls;
        }
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Violation> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- HTTP

    private record Reply(int status, String contentType, byte[] body, Map<String, List<String>> headers) {

        static Reply json(int status, JsonNode body) {
            try {
                return new Reply(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply empty(int status) {
            return new Reply(status, null, new byte[0], Map.of());
        }

        static Reply error(int status, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.put("code", status);
            body.put("message", message);
            return json(status, body);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                if (rawPath.equals(API_PREFIX) || rawPath.startsWith(API_PREFIX + "/")) {
                    reply = api(method, rawPath, rawQuery, exchange.getRequestHeaders(), body);
                } else if (rawPath.startsWith("/deploys/") || rawPath.startsWith("/sites/")) {
                    reply = serve(method, rawPath, rawQuery, exchange.getRequestHeaders(), body);
                } else {
                    reply = Reply.error(404, "Not Found");
                }
            } catch (RuntimeException e) {
                reply = Reply.error(500, "the Netlify stand-in failed: " + e);
            }
            requests.add(new RecordedRequest(method, rawPath, rawQuery, reply.status));
            reply.headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            if (reply.contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType);
            }
            boolean noBody = reply.body.length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(reply.status, noBody ? -1 : reply.body.length);
            if (!noBody) {
                exchange.getResponseBody().write(reply.body);
            }
        }
    }

    private Reply api(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        Map<String, List<String>> query = query(rawQuery);
        List<String> problems = NetlifyApiSpec.checkRequest(method, rawPath, query, headers, body);
        if (!problems.isEmpty()) {
            violations.add(new Violation(method, rawPath, "request", problems));
            return Reply.error(422, "request does not follow Netlify's API description: " + String.join("; ", problems));
        }
        Reply reply;
        Reply injected;
        if (!authorized(headers)) {
            reply = Reply.error(401, "Access Denied: Invalid token");
        } else if ((injected = injectedFailure()) != null) {
            reply = injected;
        } else {
            List<String> segments = segments(rawPath.substring(API_PREFIX.length()));
            synchronized (lock) {
                reply = route(method, segments, query, body, rawPath);
            }
        }
        List<String> drift = NetlifyApiSpec.checkResponse(method, rawPath, reply.status, reply.contentType, reply.body);
        if (!drift.isEmpty()) {
            violations.add(new Violation(method, rawPath, "answer", drift));
        }
        return reply;
    }

    /** The next injected failure, or null when none is left. */
    private Reply injectedFailure() {
        synchronized (failureLock) {
            if (failuresLeft <= 0) {
                return null;
            }
            failuresLeft--;
            Reply error = Reply.error(failureStatus, "failure injected by the Netlify stand-in");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            failureHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
            return new Reply(error.status, error.contentType, error.body, headers);
        }
    }

    private boolean authorized(Headers headers) {
        String header = headers.getFirst("Authorization");
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    private Reply route(String method, List<String> s, Map<String, List<String>> query, byte[] body, String rawPath) {
        if (is(s, "sites", "*") && method.equals("GET")) {
            SiteState site = sites.get(s.get(1));
            return site == null ? notFound() : Reply.json(200, siteJson(site));
        }
        if (is(s, "sites", "*", "deploys") && method.equals("POST")) {
            return createDeploy(s.get(1), first(query, "title"), body, rawPath);
        }
        if (is(s, "sites", "*", "deploys") && method.equals("GET")) {
            if (!sites.containsKey(s.get(1))) {
                return notFound();
            }
            ArrayNode list = JSON.createArrayNode();
            deploys.values().stream().filter(d -> d.siteId.equals(s.get(1))).forEach(d -> list.add(deployJson(d)));
            return Reply.json(200, list);
        }
        if (is(s, "sites", "*", "deploys", "*") && method.equals("GET")) {
            DeployState deploy = deploys.get(s.get(3));
            return deploy == null || !deploy.siteId.equals(s.get(1)) ? notFound() : Reply.json(200, poll(deploy));
        }
        if (is(s, "sites", "*", "deploys", "*", "restore") && method.equals("POST")) {
            return restore(s.get(1), s.get(3));
        }
        if (is(s, "deploys", "*") && method.equals("GET")) {
            DeployState deploy = deploys.get(s.get(1));
            return deploy == null ? notFound() : Reply.json(200, poll(deploy));
        }
        if (is(s, "deploys", "*", "files", "*") && method.equals("PUT")) {
            return upload(s.get(1), s.get(3), body);
        }
        if (is(s, "accounts", "*", "env")) {
            return switch (method) {
                case "GET" -> listEnv(s.get(1), first(query, "site_id"), first(query, "context_name"));
                case "POST" -> createEnv(s.get(1), first(query, "site_id"), body, rawPath);
                default -> notImplemented(method, rawPath);
            };
        }
        if (is(s, "accounts", "*", "env", "*")) {
            return envVar(method, s.get(1), s.get(3), first(query, "site_id"), body, rawPath);
        }
        return notImplemented(method, rawPath);
    }

    // ---- deploys

    private Reply createDeploy(String siteId, String title, byte[] body, String rawPath) {
        SiteState site = sites.get(siteId);
        if (site == null) {
            return notFound();
        }
        JsonNode request = parse(body);
        JsonNode files = request.path("files");
        if (!files.isObject()) {
            return notImplemented("POST (a zip deploy)", rawPath);
        }
        Map<String, String> paths = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        files.fields().forEachRemaining(entry -> {
            String sha = entry.getValue().asText();
            if (!entry.getValue().isTextual() || !SHA1.matcher(sha).matches()) {
                problems.add("deployFiles.files maps file paths to SHA1 digests; '" + entry.getKey() + "' maps to "
                        + entry.getValue());
            } else {
                paths.put(entry.getKey().startsWith("/") ? entry.getKey() : "/" + entry.getKey(), sha);
            }
        });
        if (!problems.isEmpty()) {
            violations.add(new Violation("POST", rawPath, "request", problems));
            return Reply.error(422, String.join("; ", problems));
        }
        List<DeployVariable> environment = new ArrayList<>();
        for (JsonNode variable : request.path("environment")) {
            List<String> scopes = new ArrayList<>();
            variable.path("scopes").forEach(scope -> scopes.add(scope.asText()));
            environment.add(new DeployVariable(variable.path("key").asText(), variable.path("value").asText(),
                    variable.path("is_secret").asBoolean(), List.copyOf(scopes)));
        }
        DeployState deploy = new DeployState(randomId(), siteId, paths, request.path("draft").asBoolean(false),
                request.hasNonNull("branch") ? request.get("branch").asText() : null, title, List.copyOf(environment));
        deploy.failWith = nextDeployError;
        deploy.processingPolls = nextDeployProcessingPolls;
        nextDeployError = null;
        nextDeployProcessingPolls = 0;
        deploys.put(deploy.id, deploy);
        finishIfComplete(deploy);
        return Reply.json(200, deployJson(deploy));
    }

    private Reply upload(String deployId, String encodedPath, byte[] body) {
        DeployState deploy = deploys.get(deployId);
        if (deploy == null) {
            return notFound();
        }
        String path = "/" + stripLeadingSlash(encodedPath);
        String sha = deploy.files.get(path);
        if (sha == null) {
            return Reply.error(422, "file " + path + " is not part of deploy " + deployId);
        }
        if (!deploy.state.equals("uploading")) {
            return Reply.error(422, "deploy " + deployId + " is " + deploy.state + " and takes no more files");
        }
        String actual = sha1(body);
        if (!actual.equals(sha)) {
            return Reply.error(422, "file " + path + " has SHA1 " + actual + " but the deploy announced " + sha);
        }
        sites.get(deploy.siteId).contents.put(sha, body);
        deploy.touch();
        finishIfComplete(deploy);
        ObjectNode file = JSON.createObjectNode();
        file.put("id", path);
        file.put("path", path);
        file.put("sha", sha);
        file.put("mime_type", contentType(path));
        file.put("size", body.length);
        return Reply.json(200, file);
    }

    private void finishIfComplete(DeployState deploy) {
        if (deploy.state.equals("uploading") && missing(deploy).isEmpty()) {
            if (deploy.processingPolls > 0) {
                deploy.state = "processing";
                deploy.touch();
            } else {
                settle(deploy);
            }
        }
    }

    private JsonNode poll(DeployState deploy) {
        if (deploy.state.equals("processing") && --deploy.processingPolls <= 0) {
            settle(deploy);
        }
        return deployJson(deploy);
    }

    private void settle(DeployState deploy) {
        deploy.touch();
        if (deploy.failWith != null) {
            deploy.state = "error";
            deploy.errorMessage = deploy.failWith;
            return;
        }
        deploy.state = "ready";
        // what Netlify does with a production deploy that is not a draft: it goes live when ready
        if (!deploy.draft && deploy.branch == null) {
            publish(deploy);
        }
    }

    private Reply restore(String siteId, String deployId) {
        DeployState deploy = deploys.get(deployId);
        if (!sites.containsKey(siteId) || deploy == null || !deploy.siteId.equals(siteId)) {
            return notFound();
        }
        if (!deploy.state.equals("ready")) {
            return Reply.error(422, "deploy " + deployId + " is " + deploy.state + "; only a ready deploy can be published");
        }
        publish(deploy);
        return Reply.json(201, deployJson(deploy));
    }

    private void publish(DeployState deploy) {
        deploy.publishedAt = Instant.now();
        sites.get(deploy.siteId).publishedDeployId = deploy.id;
    }

    private Set<String> missing(DeployState deploy) {
        Map<String, byte[]> contents = sites.get(deploy.siteId).contents;
        Set<String> missing = new LinkedHashSet<>();
        deploy.files.values().stream().filter(sha -> !contents.containsKey(sha)).forEach(missing::add);
        return missing;
    }

    private ObjectNode siteJson(SiteState site) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", site.id);
        json.put("name", site.name);
        json.put("state", "current");
        json.put("url", siteUrl(site.id).toString());
        json.put("admin_url", root() + "/admin/sites/" + site.name);
        json.put("account_id", site.accountId);
        json.put("account_slug", site.name + "-team");
        json.put("created_at", site.createdAt.toString());
        json.put("updated_at", site.createdAt.toString());
        if (site.publishedDeployId != null) {
            json.set("published_deploy", deployJson(deploys.get(site.publishedDeployId)));
        }
        return json;
    }

    private ObjectNode deployJson(DeployState deploy) {
        SiteState site = sites.get(deploy.siteId);
        ObjectNode json = JSON.createObjectNode();
        json.put("id", deploy.id);
        json.put("site_id", deploy.siteId);
        json.put("state", deploy.state);
        json.put("name", site.name);
        json.put("url", siteUrl(site.id).toString());
        json.put("deploy_url", deployUrl(deploy.id).toString());
        json.put("admin_url", root() + "/admin/sites/" + site.name + "/deploys/" + deploy.id);
        json.put("draft", deploy.draft);
        ArrayNode required = json.putArray("required");
        if (deploy.state.equals("uploading")) {
            missing(deploy).forEach(required::add);
        }
        json.putArray("required_functions");
        if (deploy.errorMessage != null) {
            json.put("error_message", deploy.errorMessage);
        }
        if (deploy.branch != null) {
            json.put("branch", deploy.branch);
        }
        if (deploy.title != null) {
            json.put("title", deploy.title);
        }
        json.put("context", deploy.draft ? "draft" : deploy.branch == null ? "production" : "branch-deploy");
        json.put("created_at", deploy.createdAt.toString());
        json.put("updated_at", deploy.updatedAt.toString());
        if (deploy.publishedAt != null) {
            json.put("published_at", deploy.publishedAt.toString());
        }
        return json;
    }

    // ---- environment variables (site-level only: the stand-in keeps no account-level variables)

    private Reply listEnv(String accountId, String siteId, String contextName) {
        if (siteId == null) {
            return Reply.json(200, JSON.createArrayNode());
        }
        SiteState site = siteOfAccount(accountId, siteId);
        if (site == null) {
            return notFound();
        }
        ArrayNode list = JSON.createArrayNode();
        site.env.forEach((key, values) -> {
            List<EnvValue> shown = contextName == null || contextName.equals("all") ? values
                    : values.stream().filter(v -> v.context.equals(contextName) || v.context.equals("all")).toList();
            if (!shown.isEmpty()) {
                list.add(envJson(key, shown, site.envUpdatedAt));
            }
        });
        return Reply.json(200, list);
    }

    private Reply createEnv(String accountId, String siteId, byte[] body, String rawPath) {
        if (siteId == null) {
            return notImplemented("POST (account-level variables)", rawPath);
        }
        SiteState site = siteOfAccount(accountId, siteId);
        if (site == null) {
            return notFound();
        }
        JsonNode request = parse(body);
        Map<String, List<EnvValue>> created = new LinkedHashMap<>();
        for (JsonNode variable : request) {
            String key = variable.path("key").asText("");
            if (key.isEmpty()) {
                return Reply.error(422, "every environment variable needs a key");
            }
            if (site.env.containsKey(key) || created.containsKey(key)) {
                return Reply.error(422, "environment variable " + key + " already exists");
            }
            List<EnvValue> values = new ArrayList<>();
            for (JsonNode value : variable.path("values")) {
                Optional<String> problem = envValueProblem(value);
                if (problem.isPresent()) {
                    return Reply.error(422, key + ": " + problem.get());
                }
                values.add(envValue(value));
            }
            created.put(key, values);
        }
        site.env.putAll(created);
        site.envUpdatedAt = Instant.now();
        ArrayNode answer = JSON.createArrayNode();
        created.forEach((key, values) -> answer.add(envJson(key, values, site.envUpdatedAt)));
        return Reply.json(201, answer);
    }

    private Reply envVar(String method, String accountId, String key, String siteId, byte[] body, String rawPath) {
        if (siteId == null) {
            return notImplemented(method + " (account-level variables)", rawPath);
        }
        SiteState site = siteOfAccount(accountId, siteId);
        if (site == null || (!site.env.containsKey(key))) {
            return notFound();
        }
        switch (method) {
            case "GET":
                return Reply.json(200, envJson(key, site.env.get(key), site.envUpdatedAt));
            case "DELETE":
                site.env.remove(key);
                return Reply.empty(204);
            case "PATCH": {
                JsonNode value = parse(body);
                Optional<String> problem = envValueProblem(value);
                if (problem.isPresent()) {
                    return Reply.error(422, key + ": " + problem.get());
                }
                EnvValue replacement = envValue(value);
                List<EnvValue> values = site.env.get(key);
                values.removeIf(v -> v.label().equals(replacement.label()));
                values.add(replacement);
                site.envUpdatedAt = Instant.now();
                return Reply.json(201, envJson(key, values, site.envUpdatedAt));
            }
            case "PUT": {
                JsonNode request = parse(body);
                List<EnvValue> values = new ArrayList<>();
                for (JsonNode value : request.path("values")) {
                    Optional<String> problem = envValueProblem(value);
                    if (problem.isPresent()) {
                        return Reply.error(422, key + ": " + problem.get());
                    }
                    values.add(envValue(value));
                }
                site.env.put(key, values);
                site.envUpdatedAt = Instant.now();
                return Reply.json(200, envJson(key, values, site.envUpdatedAt));
            }
            default:
                return notImplemented(method, rawPath);
        }
    }

    private static Optional<String> envValueProblem(JsonNode value) {
        String context = value.path("context").asText("");
        if (!CONTEXTS.contains(context)) {
            return Optional.of("a value needs a deploy context, one of " + CONTEXTS);
        }
        if (context.equals("branch") && value.path("context_parameter").asText("").isEmpty()) {
            return Optional.of("context 'branch' needs the branch name in context_parameter");
        }
        return Optional.empty();
    }

    private static EnvValue envValue(JsonNode value) {
        String context = value.path("context").asText();
        return new EnvValue(UUID.randomUUID().toString(), context,
                context.equals("branch") ? value.path("context_parameter").asText() : null,
                value.path("value").asText(""));
    }

    private static ObjectNode envJson(String key, List<EnvValue> values, Instant updatedAt) {
        ObjectNode json = JSON.createObjectNode();
        json.put("key", key);
        ArrayNode scopes = json.putArray("scopes");
        List.of("builds", "functions", "runtime", "post-processing").forEach(scopes::add);
        ArrayNode list = json.putArray("values");
        for (EnvValue value : values) {
            ObjectNode item = list.addObject();
            item.put("id", value.id);
            item.put("value", value.value);
            item.put("context", value.context);
            if (value.contextParameter != null) {
                item.put("context_parameter", value.contextParameter);
            }
        }
        json.put("is_secret", false);
        json.put("updated_at", updatedAt.toString());
        return json;
    }

    private SiteState siteOfAccount(String accountId, String siteId) {
        SiteState site = sites.get(siteId);
        return site != null && site.accountId.equals(accountId) ? site : null;
    }

    // ---- serving deploys and sites

    private Reply serve(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        String[] parts = rawPath.split("/", 4);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Reply.error(404, "Not Found");
        }
        String kind = parts[1];
        String id = decode(parts[2]);
        String path = parts.length > 3 ? "/" + decode(parts[3]) : "/";
        Map<String, byte[]> files;
        String redirects;
        synchronized (lock) {
            DeployState deploy;
            if (kind.equals("sites")) {
                SiteState site = sites.get(id);
                deploy = site == null || site.publishedDeployId == null ? null : deploys.get(site.publishedDeployId);
            } else {
                deploy = deploys.get(id);
            }
            if (deploy == null || !deploy.state.equals("ready")) {
                return Reply.error(404, "Not Found");
            }
            Map<String, byte[]> contents = sites.get(deploy.siteId).contents;
            files = new LinkedHashMap<>();
            deploy.files.forEach((p, sha) -> files.put(p, contents.get(sha)));
            byte[] rules = files.get("/_redirects");
            redirects = rules == null ? "" : new String(rules, StandardCharsets.UTF_8);
        }
        Optional<String> existing = lookup(files, path);
        for (Redirects.Rule rule : Redirects.parse(redirects)) {
            Optional<String> target = rule.target(path);
            if (target.isEmpty() || (existing.isPresent() && !rule.force())) {
                continue;
            }
            if (rule.isProxy()) {
                return proxy(method, target.get(), rawQuery, headers, body);
            }
            if (rule.status() >= 300 && rule.status() < 400) {
                return new Reply(rule.status(), null, new byte[0], Map.of("Location", List.of(target.get())));
            }
            return file(files, target.get(), rule.status());
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.error(405, "Method Not Allowed");
        }
        return file(files, path, 200);
    }

    private static Reply file(Map<String, byte[]> files, String path, int status) {
        Optional<String> found = lookup(files, path);
        if (found.isEmpty()) {
            Optional<String> notFoundPage = lookup(files, "/404.html");
            return notFoundPage.map(p -> new Reply(404, contentType(p), files.get(p), Map.of()))
                    .orElseGet(() -> Reply.error(404, "Not Found"));
        }
        return new Reply(status, contentType(found.get()), files.get(found.get()), Map.of());
    }

    /** Netlify's pretty URLs: {@code /} is {@code /index.html}, {@code /about} may be {@code /about.html} or {@code /about/index.html}. */
    private static Optional<String> lookup(Map<String, byte[]> files, String path) {
        if (path.equals("/_redirects") || path.equals("/_headers")) {
            return Optional.empty();
        }
        List<String> candidates = path.endsWith("/") ? List.of(path + "index.html")
                : List.of(path, path + ".html", path + "/index.html");
        return candidates.stream().filter(files::containsKey).findFirst();
    }

    private Reply proxy(String method, String target, String rawQuery, Headers headers, byte[] body) {
        String url = rawQuery == null || target.contains("?") ? target : target + "?" + rawQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = proxyClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")
                        && !name.equalsIgnoreCase("content-type")) {
                    answerHeaders.put(name, values);
                }
            });
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), answerHeaders);
        } catch (IOException e) {
            return Reply.error(502, "proxying to " + target + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(502, "proxying to " + target + " was interrupted");
        }
    }

    // ---- helpers

    private SiteState site(String siteId) {
        SiteState site = sites.get(siteId);
        if (site == null) {
            throw new IllegalArgumentException("no site " + siteId);
        }
        return site;
    }

    private static Reply notFound() {
        return Reply.error(404, "Not Found");
    }

    /** Valid for Netlify, but beyond what the stand-in does: says so instead of pretending. */
    private static Reply notImplemented(String method, String rawPath) {
        return Reply.error(501, "the Netlify stand-in does not implement " + method + " " + rawPath);
    }

    private static boolean is(List<String> segments, String... pattern) {
        if (segments.size() != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Path segments, each percent-decoded on its own (so an escaped {@code /} stays inside its segment). */
    private static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                result.add(decode(segment));
            }
        }
        return result;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq).replace('+', ' '));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '));
            result.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Percent-decoding as in a URL path: {@code +} stays {@code +}. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && HexFormat.isHexDigit(text.charAt(i + 1)) && HexFormat.isHexDigit(text.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return NetlifyApiSpec.json(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON", e);
        }
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    private static String contentType(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "application/javascript; charset=utf-8";
            case "json", "map" -> "application/json";
            case "txt" -> "text/plain; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "ico" -> "image/x-icon";
            case "wasm" -> "application/wasm";
            case "webmanifest" -> "application/manifest+json";
            case "woff2" -> "font/woff2";
            default -> "application/octet-stream";
        };
    }

    private static final class SiteState {
        final String id;
        final String name;
        final String accountId;
        final Instant createdAt = Instant.now();
        final Map<String, byte[]> contents = new LinkedHashMap<>();
        final Map<String, List<EnvValue>> env = new LinkedHashMap<>();
        Instant envUpdatedAt = Instant.now();
        String publishedDeployId;

        SiteState(String id, String name, String accountId) {
            this.id = id;
            this.name = name;
            this.accountId = accountId;
        }
    }

    private static final class DeployState {
        final String id;
        final String siteId;
        final Map<String, String> files;
        final boolean draft;
        final String branch;
        final String title;
        final List<DeployVariable> environment;
        final Instant createdAt = Instant.now();
        Instant updatedAt = createdAt;
        Instant publishedAt;
        String state = "uploading";
        String errorMessage;
        String failWith;
        int processingPolls;

        DeployState(String id, String siteId, Map<String, String> files, boolean draft, String branch, String title,
                    List<DeployVariable> environment) {
            this.id = id;
            this.siteId = siteId;
            this.files = files;
            this.draft = draft;
            this.branch = branch;
            this.title = title;
            this.environment = environment;
        }

        void touch() {
            updatedAt = Instant.now();
        }
    }

    private record EnvValue(String id, String context, String contextParameter, String value) {

        /** {@code production}, ..., or {@code branch:<name>} for a branch's own value. */
        String label() {
            return contextParameter == null ? context : context + ":" + contextParameter;
        }
    }
}

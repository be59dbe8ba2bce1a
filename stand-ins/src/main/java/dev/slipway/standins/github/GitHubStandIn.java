package dev.slipway.standins.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's commit-status API on a real local HTTP server (127.0.0.1, a free port), for tests of what posts
 * statuses. Every request is checked against GitHub's published REST description through
 * {@link GitHubApiSpec}: a request that breaks it is answered 422 (GitHub's "Validation Failed") and recorded in
 * {@link #violations()}. Requests must carry the token ({@code Authorization: Bearer <token>} or
 * {@code token <token>}, else 401) and the headers GitHub's REST documentation asks every client to send,
 * {@code Accept: application/vnd.github+json} and {@code X-GitHub-Api-Version: 2022-11-28}. Accepted statuses
 * are kept per commit ({@link #statuses}) and answered 201 with the status object, as GitHub does.
 * <p>
 * Faults for retry tests: {@link #failNext} answers the next requests with an error status instead,
 * {@link #rateLimitNext} with GitHub's 403 for an exhausted rate limit, {@link #secondaryRateLimitNext} with its 403
 * for a secondary rate limit, and {@link #rateLimitFor} limits a commit's requests for a while, as GitHub limits a
 * token until the reset time it names.
 */
public final class GitHubStandIn implements AutoCloseable {

    /** The REST API version this stand-in speaks, the one GitHub's documentation shows. */
    public static final String API_VERSION = "2022-11-28";
    public static final String MEDIA_TYPE = "application/vnd.github+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUSES = Pattern.compile("/repos/([^/]+)/([^/]+)/statuses/(.+)");
    private static final String DOCS = "https://docs.github.com/rest/commits/statuses#create-a-commit-status";

    /** A commit status as GitHub keeps it. */
    public record Status(long id, String state, String targetUrl, String description, String context, Instant createdAt) {
    }

    /** One request the stand-in answered, and how. */
    public record Received(String method, String path, int status) {
    }

    /** @param sha the commit whose requests it answers; null for any */
    private record Fault(String sha, int status, Map<String, String> headers, String body) {
    }

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, List<Status>> statuses = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    /** Rate limits per commit: how long each lasts, and when it ends once its first request came. */
    private final Map<String, Duration> limitLengths = new LinkedHashMap<>();
    private final Map<String, Instant> limitEnds = new LinkedHashMap<>();

    private GitHubStandIn(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "github-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a stand-in that accepts {@code token}; the published description is read now, so a broken one fails here. */
    public static GitHubStandIn start(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the stand-in needs a token its clients must send");
        }
        GitHubApiSpec.validator();
        try {
            GitHubStandIn standIn = new GitHubStandIn(token);
            standIn.server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the GitHub stand-in", e);
        }
    }

    /** Where the API is, in place of {@code https://api.github.com}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    /** The statuses accepted for one commit, oldest first. */
    public synchronized List<Status> statuses(String owner, String repo, String sha) {
        return List.copyOf(statuses.getOrDefault(key(owner, repo, sha), List.of()));
    }

    /** What was wrong with the requests the stand-in refused, one line each. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every request so far, in the order they came. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Answers the next {@code count} requests with {@code status} (e.g. 503, 422, 404) instead of handling them. */
    public void failNext(int count, int status) {
        failNextFor(null, count, status);
    }

    /**
     * Answers the next {@code count} requests for commit {@code sha} with {@code status}, so a test's faults do
     * not hit what other tests still send.
     */
    public synchronized void failNextFor(String sha, int count, int status) {
        String message = switch (status) {
            case 404 -> "Not Found";
            case 422 -> "No commit found for SHA";
            case 500 -> "Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(sha, status, Map.of(), error(status, message)));
        }
    }

    /** Answers the next {@code count} requests as GitHub does when the token's rate limit is used up. */
    public synchronized void rateLimitNext(int count) {
        String reset = Long.toString(Instant.now().plusSeconds(1).getEpochSecond());
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(null, 403, Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0",
                    "x-ratelimit-used", "5000", "x-ratelimit-reset", reset),
                    error(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.")));
        }
    }

    /** Answers the next {@code count} requests as GitHub does when a secondary rate limit is hit (no Retry-After). */
    public synchronized void secondaryRateLimitNext(int count) {
        for (int i = 0; i < count; i++) {
            faults.add(new Fault(null, 403, Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "4990",
                    "x-ratelimit-used", "10", "x-ratelimit-reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())),
                    error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
                            + " If you reach out to GitHub Support for help, please include the request ID.")));
        }
    }

    /**
     * Answers every request for commit {@code sha} with GitHub's 403 for an exhausted rate limit for {@code length}
     * from the first one, its {@code x-ratelimit-reset} the end of that time (rounded up to the second, as GitHub's
     * epoch seconds are); then handles them again.
     */
    public synchronized void rateLimitFor(String sha, Duration length) {
        limitLengths.put(Objects.requireNonNull(sha), length);
        limitEnds.remove(sha);
    }

    /** Forgets statuses, violations, requests, pending faults and rate limits. */
    public synchronized void reset() {
        statuses.clear();
        violations.clear();
        received.clear();
        faults.clear();
        limitLengths.clear();
        limitEnds.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Answer answer = answer(method, path, exchange.getRequestHeaders(), body);
            synchronized (this) {
                received.add(new Received(method, path, answer.status()));
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("X-GitHub-Api-Version-Selected", API_VERSION);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private Answer answer(String method, String path, Map<String, List<String>> headers, String body) {
        Matcher m = STATUSES.matcher(path);
        if (!m.matches()) {
            return refuse(404, "no such endpoint: " + method + " " + path, error(404, "Not Found"));
        }
        if (!method.equals("POST")) {
            return refuse(404, method + " " + path + " is not an operation of " + GitHubApiSpec.STATUSES_PATH, error(404, "Not Found"));
        }
        String authorization = header(headers, "Authorization");
        if (authorization == null) {
            return refuse(401, "no Authorization header", error(401, "Requires authentication"));
        }
        if (!authorization.equals("Bearer " + token) && !authorization.equals("token " + token)) {
            // never the header itself: it holds what may be a real token
            return refuse(401, "Authorization is not 'Bearer <token>' or 'token <token>' with the stand-in's token",
                    error(401, "Bad credentials"));
        }
        String accept = header(headers, "Accept");
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains(MEDIA_TYPE)) {
            return refuse(415, "Accept is " + (accept == null ? "missing" : "'" + accept + "'") + "; GitHub asks for "
                    + MEDIA_TYPE, error(415, "Unsupported 'Accept' header"));
        }
        String version = header(headers, "X-GitHub-Api-Version");
        if (!API_VERSION.equals(version)) {
            return refuse(400, "X-GitHub-Api-Version is " + (version == null ? "missing" : "'" + version + "'")
                    + "; expected " + API_VERSION, error(400, "API version " + version + " is not supported."));
        }
        List<String> problems = GitHubApiSpec.checkRequest(method, path, headers, body);
        if (!problems.isEmpty()) {
            return refuse(422, String.join("; ", problems), validationFailed(problems));
        }
        Fault fault = limited(m.group(3));
        if (fault == null) {
            fault = nextFault(m.group(3));
        }
        if (fault != null) {
            return new Answer(fault.status(), fault.headers(), fault.body());
        }
        return created(m.group(1), m.group(2), m.group(3), body);
    }

    /** GitHub's answer while a rate limit of {@link #rateLimitFor} lasts; null when none does. */
    private synchronized Fault limited(String sha) {
        Duration length = limitLengths.get(sha);
        if (length == null) {
            return null;
        }
        Instant now = Instant.now();
        Instant end = limitEnds.computeIfAbsent(sha, s -> now.plus(length));
        if (!now.isBefore(end)) {
            limitLengths.remove(sha);
            limitEnds.remove(sha);
            return null;
        }
        long reset = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        return new Fault(sha, 403, Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "0",
                "x-ratelimit-used", "5000", "x-ratelimit-reset", Long.toString(reset)),
                error(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID."));
    }

    private synchronized Fault nextFault(String sha) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.sha() == null || fault.sha().equals(sha)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    private Answer refuse(int status, String violation, String body) {
        synchronized (this) {
            violations.add(status + ": " + violation);
        }
        return new Answer(status, Map.of(), body);
    }

    private Answer created(String owner, String repo, String sha, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return refuse(400, "body is not JSON: " + e.getMessage(), error(400, "Problems parsing JSON"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Status status = new Status(ids.incrementAndGet(), request.path("state").asText(), text(request, "target_url"),
                text(request, "description"), request.hasNonNull("context") ? request.get("context").asText() : "default", now);
        synchronized (this) {
            statuses.computeIfAbsent(key(owner, repo, sha), k -> new ArrayList<>()).add(status);
        }
        String url = baseUrl() + "/repos/" + owner + "/" + repo + "/statuses/" + sha;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("url", url);
        answer.put("avatar_url", "https://avatars.githubusercontent.com/oa/4808451?v=4");
        answer.put("id", status.id());
        answer.put("node_id", Base64.getEncoder().encodeToString(("11:Status" + status.id()).getBytes(StandardCharsets.UTF_8)));
        answer.put("state", status.state());
        answer.put("description", status.description());
        answer.put("target_url", status.targetUrl());
        answer.put("context", status.context());
        answer.put("created_at", now.toString());
        answer.put("updated_at", now.toString());
        ObjectNode creator = answer.putObject("creator");
        creator.put("login", "octocat").put("id", 1).put("type", "User").put("site_admin", false);
        return new Answer(201, Map.of("Location", url), answer.toString());
    }

    private static String text(JsonNode request, String field) {
        return request.hasNonNull(field) ? request.get(field).asText() : null;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    private static String key(String owner, String repo, String sha) {
        // owner and repository names are not case sensitive on GitHub
        return owner.toLowerCase(Locale.ROOT) + "/" + repo.toLowerCase(Locale.ROOT) + "@" + Objects.requireNonNull(sha);
    }

    private static String error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        body.put("documentation_url", DOCS);
        body.put("status", Integer.toString(status));
        return body.toString();
    }

    private static String validationFailed(List<String> problems) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", "Validation Failed");
        var errors = body.putArray("errors");
        for (String problem : problems) {
            errors.addObject().put("resource", "Status").put("code", "custom").put("message", problem);
        }
        body.put("documentation_url", DOCS);
        body.put("status", "422");
        return body.toString();
    }
}

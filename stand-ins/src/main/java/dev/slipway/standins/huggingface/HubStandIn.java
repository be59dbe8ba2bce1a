package dev.slipway.standins.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Hugging Face Hub for tests: a real HTTP server on 127.0.0.1 that keeps Spaces (files per commit,
 * variables, secrets, runtime stage) and CHECKS every API request against the Hub's recorded interactions
 * ({@link HubRecordings}). A request no recording has the shape of is answered 400 with the reason and kept in
 * {@link #violations()}.
 * <p>
 * A commit or restart starts a build: the runtime reads {@code BUILDING} for {@link #buildPolls(int)} reads, then the
 * build's outcome (RUNNING, or an error stage {@link #failNextBuild} asked for, or NO_APP_FILE / CONFIG_ERROR when
 * the files cannot make a Docker Space). A RUNNING Space's app answers at {@link #appUrlTemplate()}: {@code health}
 * gives {@code ok}, {@code version} the running files' {@code VERSION} or else the running commit; anything else
 * there answers 503 while the Space is not RUNNING. With {@link #restartLag(int)} the runtime is slow to show a
 * commit or restart, as the Hub can be.
 */
public final class HubStandIn implements AutoCloseable {
    private static final Pattern SPACE_API = Pattern.compile("^/api/spaces/([^/]+)/([^/]+)/(.+)$");
    private static final Pattern SPACE_APP = Pattern.compile("^/spaces/([^/]+)/([^/]+)(/.*)?$");
    private static final Pattern SDK = Pattern.compile("(?m)^sdk:\\s*['\"]?([A-Za-z0-9_-]+)");
    // The Hub stores files over 10 MB, and binary ones, through Git LFS.
    private static final long REGULAR_MAX_BYTES = 10L * 1024 * 1024;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final HubRecordings recordings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HubRequest> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Space> spaces = new TreeMap<>();
    private int buildPolls = 2;
    private int restartLag;
    private int refuseSecretStatus;
    private String nextBuildStage;
    private String nextBuildError;
    private int failuresLeft;
    private int failureStatus;
    private long commits;

    private HubStandIn(String token) throws IOException {
        this.token = token;
        this.recordings = HubRecordings.load();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hub-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a Hub that accepts {@code Authorization: Bearer {token}} and answers 401 to anything else. */
    public static HubStandIn start(String token) {
        try {
            return new HubStandIn(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Hub stand-in", e);
        }
    }

    /** Where the Hub API answers: the {@code baseUrl} for a Hub client. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Where a Space's app answers, with {@code {owner}} and {@code {name}} to fill in; as in host names, case, '_' and
     * '.' do not matter there ({@code My_Org} = {@code my-org}).
     */
    public String appUrlTemplate() {
        return baseUrl() + "/spaces/{owner}/{name}/";
    }

    /** How many runtime reads a build stays BUILDING before it ends. */
    public synchronized void buildPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("build polls must not be negative, got " + polls);
        }
        this.buildPolls = polls;
    }

    /**
     * How many runtime answers (a restart's own answer included) still show the stage from before a commit or
     * restart, as a Hub that has not taken it in yet does, or one whose build was over before anyone looked; the
     * build goes on from then. 0, the default, shows it at once.
     */
    public synchronized void restartLag(int answers) {
        if (answers < 0) {
            throw new IllegalArgumentException("the restart lag must not be negative, got " + answers);
        }
        this.restartLag = answers;
    }

    /**
     * The next request setting a secret is refused with {@code status} (a 4xx) and an error text that quotes the
     * value sent, then the whole body sent (where the value is JSON-escaped), as a server validating it might: for
     * proving the value travels no further.
     */
    public synchronized void refuseNextSecret(int status) {
        if (status / 100 != 4) {
            throw new IllegalArgumentException("a refused secret is answered with a 4xx, got " + status);
        }
        this.refuseSecretStatus = status;
    }

    /** The next build to end ends in {@code stage} (e.g. BUILD_ERROR, RUNTIME_ERROR) with this errorMessage. */
    public synchronized void failNextBuild(String stage, String errorMessage) {
        if (stage.equals("RUNNING") || stage.equals("BUILDING")) {
            throw new IllegalArgumentException("a failed build ends in an error stage, got " + stage);
        }
        this.nextBuildStage = stage;
        this.nextBuildError = errorMessage;
    }

    /** The next {@code count} API requests (that pass the recordings and the token) are answered {@code status}. */
    public synchronized void failNextRequests(int count, int status) {
        if (status != 429 && status / 100 != 5) {
            throw new IllegalArgumentException("injected failures are 429 or 5xx, got " + status);
        }
        this.failuresLeft = count;
        this.failureStatus = status;
    }

    public synchronized List<HubRequest> requests() {
        return List.copyOf(requests);
    }

    /** Why requests did not match the recordings; empty when every one did. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized boolean exists(String space) {
        return spaces.containsKey(space);
    }

    /** The Space's files at its latest commit, as UTF-8 text. */
    public synchronized Map<String, String> files(String space) {
        Map<String, String> files = new TreeMap<>();
        space(space).files.forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return files;
    }

    public synchronized Map<String, String> variables(String space) {
        Map<String, String> values = new TreeMap<>();
        space(space).variables.forEach((key, variable) -> values.put(key, variable.value));
        return values;
    }

    public synchronized Map<String, String> variableDescriptions(String space) {
        Map<String, String> descriptions = new TreeMap<>();
        space(space).variables.forEach((key, variable) -> descriptions.put(key, variable.description));
        return descriptions;
    }

    /** Whether the Space was created private. */
    public synchronized boolean isPrivate(String space) {
        return space(space).privateSpace;
    }

    public synchronized Set<String> secretNames(String space) {
        return new TreeSet<>(space(space).secrets.keySet());
    }

    /** Whether the Space has this secret with this value; values never leave the stand-in otherwise. */
    public synchronized boolean hasSecret(String space, String key, String value) {
        return value.equals(space(space).secrets.get(key));
    }

    public synchronized String stage(String space) {
        return space(space).stage;
    }

    /** The Space's latest commit oid. */
    public synchronized String commit(String space) {
        return space(space).commit;
    }

    /** Puts a variable on the Space as someone would by hand on the Hub, with this description (may be null). */
    public synchronized void putVariable(String space, String key, String value, String description) {
        space(space).variables.put(key, new Variable(value, description, Instant.now().toString()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public synchronized String toString() {
        return "HubStandIn[" + baseUrl() + ", " + spaces.keySet() + "]";
    }

    private Space space(String id) {
        Space space = spaces.get(id);
        if (space == null) {
            throw new IllegalArgumentException("the stand-in has no Space " + id + "; it has " + spaces.keySet());
        }
        return space;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Answer answer;
            synchronized (this) {
                requests.add(new HubRequest(method, uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), contentType, body));
                try {
                    answer = uri.getRawPath().startsWith("/api/")
                            ? api(method, uri, contentType, body, exchange.getRequestHeaders().getFirst("Authorization"))
                            : app(method, uri.getRawPath());
                } catch (RuntimeException e) {
                    answer = error(500, "stand-in failed: " + e);
                }
            }
            byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType);
            answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status, method.equals("HEAD") ? -1 : bytes.length);
            if (!method.equals("HEAD")) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private Answer api(String method, URI uri, String contentType, String body, String authorization) {
        var violation = recordings.violation(method, uri.getRawPath(), uri.getRawQuery(), contentType, body);
        if (violation.isPresent()) {
            violations.add(violation.get());
            return error(400, "stand-in: the request matches no recorded Hub interaction: " + violation.get());
        }
        if (!("Bearer " + token).equals(authorization)) {
            return error(401, "Invalid credentials in Authorization header");
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return error(failureStatus, failureStatus == 429 ? "Too many requests" : "Service unavailable");
        }
        String path = uri.getRawPath();
        if (path.equals("/api/repos/create")) {
            return create(read(body));
        }
        if (path.equals("/api/repos/delete")) {
            JsonNode request = read(body);
            Space removed = spaces.remove(request.path("organization").asText() + "/" + request.path("name").asText());
            return removed == null ? notFound() : new Answer(200, "text/plain; charset=utf-8", "OK", Map.of());
        }
        Matcher route = SPACE_API.matcher(path);
        if (!route.matches()) {
            return error(404, "Not found");
        }
        Space space = spaces.get(route.group(1) + "/" + route.group(2));
        if (space == null) {
            return notFound();
        }
        String rest = route.group(3);
        return switch (method + " " + rest) {
            case "POST preupload/main" -> preupload(space, read(body));
            case "GET revision/main" -> revision(space, HubRecordings.query(uri.getRawQuery()));
            case "POST commit/main" -> commit(space, body);
            case "POST secrets" -> {
                JsonNode request = read(body);
                if (refuseSecretStatus != 0) {
                    int status = refuseSecretStatus;
                    refuseSecretStatus = 0;
                    yield error(status, "Invalid value for secret " + request.path("key").asText() + ": '"
                            + request.path("value").asText() + "' in " + body.strip());
                }
                space.secrets.put(request.path("key").asText(), request.path("value").asText());
                yield json(JSON.createObjectNode());
            }
            case "DELETE secrets" -> {
                space.secrets.remove(read(body).path("key").asText());
                yield json(JSON.createObjectNode());
            }
            case "GET variables" -> json(variables(space));
            case "POST variables" -> {
                JsonNode request = read(body);
                space.variables.put(request.path("key").asText(), new Variable(request.path("value").asText(),
                        request.path("description").isTextual() ? request.path("description").asText() : null,
                        Instant.now().toString()));
                yield json(variables(space));
            }
            case "DELETE variables" -> {
                space.variables.remove(read(body).path("key").asText());
                yield json(variables(space));
            }
            case "POST restart" -> {
                startBuild(space);
                yield json(shownRuntime(space));
            }
            case "POST pause" -> {
                space.stage = "PAUSED";
                space.errorMessage = null;
                yield json(runtime(space));
            }
            case "GET runtime" -> {
                if (space.lagLeft == 0) {
                    advanceBuild(space);
                }
                yield json(shownRuntime(space));
            }
            default -> error(404, "Not found");
        };
    }

    private Answer create(JsonNode request) {
        String id = request.path("organization").asText() + "/" + request.path("name").asText();
        if (!request.path("type").asText().equals("space")) {
            return error(400, "stand-in: only Spaces are kept here, got type " + request.path("type").asText());
        }
        if (spaces.containsKey(id)) {
            ObjectNode conflict = (ObjectNode) recordings.answer("POST", "/api/repos/create", Set.of(), 409);
            conflict.put("error", "You already created this space repo").put("url", "https://huggingface.co/spaces/" + id);
            return new Answer(409, JSON_TYPE, conflict.toString(), Map.of());
        }
        Space space = new Space(id, request.path("sdk").asText(), request.path("private").asBoolean());
        spaces.put(id, space);
        // The Hub's first commit of a Space: the LFS rules and a README whose front matter names the SDK.
        space.files.put(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n".getBytes(StandardCharsets.UTF_8));
        space.files.put("README.md", ("---\ntitle: " + request.path("name").asText() + "\nsdk: " + space.sdk
                + "\n---\n").getBytes(StandardCharsets.UTF_8));
        space.commit = nextOid(id);
        ObjectNode created = (ObjectNode) recordings.answer("POST", "/api/repos/create", Set.of(), 200);
        created.put("url", "https://huggingface.co/spaces/" + id).put("name", id).put("id", space.objectId);
        return json(created);
    }

    private Answer preupload(Space space, JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode files = answer.putArray("files");
        for (JsonNode file : request.path("files")) {
            String path = file.path("path").asText();
            byte[] sample;
            try {
                sample = Base64.getDecoder().decode(file.path("sample").asText());
            } catch (IllegalArgumentException e) {
                return error(400, "sample of " + path + " is not base64");
            }
            boolean binary = false;
            for (byte b : sample) {
                binary |= b == 0;
            }
            ObjectNode entry = files.addObject().put("path", path)
                    .put("uploadMode", binary || file.path("size").asLong() > REGULAR_MAX_BYTES ? "lfs" : "regular")
                    .put("shouldIgnore", path.equals(".git") || path.startsWith(".git/"));
            byte[] existing = space.files.get(path);
            if (existing != null) {
                entry.put("oid", blobOid(existing));
            }
        }
        answer.put("commitOid", space.commit);
        return json(answer);
    }

    private Answer revision(Space space, Set<String> query) {
        ObjectNode answer = JSON.createObjectNode().put("_id", space.objectId).put("id", space.id);
        if (query.contains("expand=siblings")) {
            ArrayNode siblings = answer.putArray("siblings");
            space.files.keySet().forEach(path -> siblings.addObject().put("rfilename", path));
        } else {
            answer.put("xetEnabled", false);
        }
        return json(answer);
    }

    private Answer commit(Space space, String body) {
        Map<String, byte[]> files = new TreeMap<>(space.files);
        for (String text : body.split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = read(text);
            JsonNode value = line.path("value");
            String path = value.path("path").asText();
            switch (line.path("key").asText()) {
                case "file" -> {
                    if (!value.path("encoding").asText().equals("base64")) {
                        return error(400, "Unsupported encoding for " + path);
                    }
                    try {
                        files.put(path, Base64.getDecoder().decode(value.path("content").asText()));
                    } catch (IllegalArgumentException e) {
                        return error(400, "Invalid base64 content for " + path);
                    }
                }
                case "deletedFile" -> {
                    if (files.remove(path) == null) {
                        return error(404, "A file with this name doesn't exist: " + path);
                    }
                }
                default -> {
                    // the header: the summary is the commit's title, nothing to keep here
                }
            }
        }
        space.files.clear();
        space.files.putAll(files);
        space.commit = nextOid(space.id);
        startBuild(space);
        ObjectNode answer = (ObjectNode) recordings.answer("POST", "/api/spaces/{owner}/{name}/commit/main",
                Set.of(), 200);
        answer.put("success", true).put("commitOid", space.commit)
                .put("commitUrl", "https://huggingface.co/spaces/" + space.id + "/commit/" + space.commit)
                .put("hookOutput", "");
        return json(answer);
    }

    private ObjectNode variables(Space space) {
        ObjectNode answer = JSON.createObjectNode();
        space.variables.forEach((key, variable) -> {
            ObjectNode entry = answer.putObject(key).put("value", variable.value);
            if (variable.description != null) {
                entry.put("description", variable.description);
            }
            entry.put("updatedAt", variable.updatedAt);
        });
        return answer;
    }

    private void startBuild(Space space) {
        if (restartLag > 0) {
            if (space.lagLeft == 0) {
                space.shownStage = space.stage;
                space.shownError = space.errorMessage;
            }
            space.lagLeft = restartLag;
        }
        space.stage = "BUILDING";
        space.errorMessage = null;
        space.pollsLeft = buildPolls;
        space.building = new TreeMap<>(space.files);
        space.buildingCommit = space.commit;
    }

    private void advanceBuild(Space space) {
        if (!space.stage.equals("BUILDING")) {
            return;
        }
        if (space.pollsLeft > 0) {
            space.pollsLeft--;
            return;
        }
        if (nextBuildStage != null) {
            space.stage = nextBuildStage;
            space.errorMessage = nextBuildError;
            nextBuildStage = null;
            nextBuildError = null;
        } else if (!space.building.containsKey("Dockerfile")) {
            space.stage = "NO_APP_FILE";
            space.errorMessage = "Dockerfile not found";
        } else if (!sdkOf(space.building).equals("docker")) {
            space.stage = "CONFIG_ERROR";
            space.errorMessage = "README.md front matter must set sdk: docker, got '" + sdkOf(space.building) + "'";
        } else {
            space.stage = "RUNNING";
            space.running = space.building;
            space.runningCommit = space.buildingCommit;
        }
    }

    private static String sdkOf(Map<String, byte[]> files) {
        byte[] readme = files.get("README.md");
        Matcher sdk = SDK.matcher(readme == null ? "" : new String(readme, StandardCharsets.UTF_8));
        return sdk.find() ? sdk.group(1) : "";
    }

    /** The runtime as the Hub answers it: while it lags, the stage from before the latest commit or restart. */
    private ObjectNode shownRuntime(Space space) {
        if (space.lagLeft == 0) {
            return runtime(space);
        }
        space.lagLeft--;
        ObjectNode runtime = runtime(space);
        runtime.put("stage", space.shownStage);
        runtime.remove("errorMessage");
        if (space.shownError != null) {
            runtime.put("errorMessage", space.shownError);
        }
        return runtime;
    }

    private ObjectNode runtime(Space space) {
        ObjectNode runtime = (ObjectNode) recordings.answer("GET", "/api/spaces/{owner}/{name}/runtime", Set.of(), 200);
        runtime.put("stage", space.stage);
        JsonNode domains = runtime.path("domains");
        if (domains.isArray() && !domains.isEmpty()) {
            ((ObjectNode) domains.get(0)).put("domain", space.subdomain() + ".hf.space");
        }
        if (space.errorMessage != null) {
            runtime.put("errorMessage", space.errorMessage);
        }
        return runtime;
    }

    private Answer app(String method, String path) {
        Matcher route = SPACE_APP.matcher(path);
        if (!route.matches()) {
            return new Answer(404, "text/plain; charset=utf-8", "not found", Map.of());
        }
        // App URLs carry owner and name as host names do: lower-case, '_' and '.' as '-'.
        String app = hostForm(route.group(1)) + "/" + hostForm(route.group(2));
        Space space = spaces.values().stream().filter(s -> s.hostForm().equals(app)).findFirst().orElse(null);
        if (space == null) {
            return new Answer(404, "text/plain; charset=utf-8", "no Space " + route.group(1) + "/" + route.group(2),
                    Map.of());
        }
        if (!space.stage.equals("RUNNING")) {
            return new Answer(503, "text/plain; charset=utf-8", "the Space is " + space.stage, Map.of());
        }
        String rest = route.group(3) == null ? "/" : route.group(3);
        return switch (method + " " + rest) {
            case "GET /health", "HEAD /health", "GET /" -> new Answer(200, "text/plain; charset=utf-8", "ok", Map.of());
            case "GET /version" -> new Answer(200, "text/plain; charset=utf-8", space.running.containsKey("VERSION")
                    ? new String(space.running.get("VERSION"), StandardCharsets.UTF_8).strip()
                    : space.runningCommit, Map.of());
            default -> new Answer(404, "text/plain; charset=utf-8", "not found", Map.of());
        };
    }

    private static String hostForm(String part) {
        return part.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    private String nextOid(String id) {
        return sha1((id + "#" + (++commits) + "#" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }

    /** Git's blob id, as the Hub reports a file's oid. */
    private static String blobOid(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return sha1(all);
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer json(JsonNode body) {
        return new Answer(200, JSON_TYPE, body.toString(), Map.of());
    }

    private static Answer notFound() {
        return new Answer(404, JSON_TYPE, JSON.createObjectNode().put("error", "Repository not found").toString(),
                Map.of("X-Error-Code", "RepoNotFound"));
    }

    private static Answer error(int status, String message) {
        return new Answer(status, JSON_TYPE, JSON.createObjectNode().put("error", message).toString(), Map.of());
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private record Variable(String value, String description, String updatedAt) {
    }

    private static final class Space {
        final String id;
        final String sdk;
        final boolean privateSpace;
        final String objectId;
        final Map<String, byte[]> files = new TreeMap<>();
        final Map<String, Variable> variables = new LinkedHashMap<>();
        final Map<String, String> secrets = new HashMap<>();
        String commit;
        String stage = "NO_APP_FILE";
        String errorMessage;
        int pollsLeft;
        int lagLeft;
        String shownStage;
        String shownError;
        Map<String, byte[]> building = Map.of();
        String buildingCommit;
        Map<String, byte[]> running = Map.of();
        String runningCommit;

        Space(String id, String sdk, boolean privateSpace) {
            this.id = id;
            this.sdk = sdk;
            this.privateSpace = privateSpace;
            this.objectId = sha1(id.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        }

        String hostForm() {
            String[] parts = id.split("/", 2);
            return HubStandIn.hostForm(parts[0]) + "/" + HubStandIn.hostForm(parts[1]);
        }

        String subdomain() {
            return hostForm().replace('/', '-');
        }
    }
}

package dev.slipway.deploy.domain.huggingface;

import dev.slipway.deploy.domain.Sleeper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.platform.retry.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Hugging Face Hub's HTTP API for Spaces, as the huggingface_hub library speaks it (the recorded interactions in
 * {@code reference/huggingface/}): create a Space, commit files (preupload, then one NDJSON commit), secrets,
 * variables, restart and the runtime stage.
 * <p>
 * Transient failures (no answer, 429, 5xx) are tried again with the {@link RetryPolicy}'s backoff; any other 4xx
 * is permanent at once. The token is sent as {@code Authorization: Bearer} and never appears in a message; nor does
 * a secret's value, should the Hub's answer to the request that carried it quote it.
 */
public final class HubClient {
    public static final URI DEFAULT_BASE_URL = URI.create("https://huggingface.co");
    // The huggingface_hub library asks for upload modes 256 files at a time, each with its first 512 bytes.
    private static final int PREUPLOAD_BATCH = 256;
    private static final int SAMPLE_BYTES = 512;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";

    private final String baseUrl;
    private final String token;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl the Hub, {@link #DEFAULT_BASE_URL} or a stand-in
     * @param token   a Hugging Face access token with write access to the Spaces' owner
     * @param sleeper how retries wait
     */
    public HubClient(URI baseUrl, String token, RetryPolicy retry, Sleeper sleeper) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the Hugging Face token is empty: set it to an access token with write"
                    + " access to the Spaces' owner");
        }
        this.baseUrl = baseUrl.toString().replaceFirst("/+$", "");
        this.token = token;
        this.retry = retry;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI baseUrl() {
        return URI.create(baseUrl);
    }

    /**
     * Creates the Space with the given SDK unless it exists.
     *
     * @return whether it was created now
     */
    public boolean createSpaceIfMissing(SpaceId space, boolean privateSpace, String sdk) {
        ObjectNode body = json.createObjectNode().put("name", space.name()).put("organization", space.owner())
                .put("private", privateSpace).put("type", "space").put("sdk", sdk);
        Answer answer = call("create the Space", space, post("/api/repos/create", JSON, body.toString()));
        if (answer.status() == 409) {
            return false;
        }
        answer.expectOk();
        return true;
    }

    /**
     * Deletes the Space with everything in it.
     *
     * @return whether it existed
     */
    public boolean deleteSpace(SpaceId space) {
        ObjectNode body = json.createObjectNode().put("name", space.name()).put("organization", space.owner())
                .put("type", "space");
        Answer answer = call("delete the Space", space, delete("/api/repos/delete", body.toString()));
        if (answer.status() == 404) {
            return false;
        }
        answer.expectOk();
        return true;
    }

    /** The paths of every file on the Space's main branch. */
    public List<String> files(SpaceId space) {
        String what = "list the Space's files";
        JsonNode info = call(what, space, get(spacePath(space, "/revision/main?expand=siblings"))).expectJson();
        JsonNode siblings = info.path("siblings");
        if (!siblings.isArray()) {
            throw new HubException(what, space.toString(), 200, true, "the Hub's answer has no 'siblings' list");
        }
        List<String> paths = new ArrayList<>();
        siblings.forEach(sibling -> paths.add(sibling.path("rfilename").asText()));
        return paths;
    }

    /**
     * Writes {@code files} and removes {@code deletions} in one commit on main. Every file goes inline (base64): the
     * Hub's preupload answer decides, and a file it wants through Git LFS (large or binary) fails the commit before
     * anything is written; files it says to ignore are left out.
     */
    public SpaceCommit commit(SpaceId space, String summary, String description, List<SpaceFile> files,
                              List<String> deletions) {
        Map<String, String> modes = uploadModes(space, files);
        List<String> lfs = files.stream().filter(f -> "lfs".equals(modes.get(f.path())))
                .map(f -> f.path() + " (" + f.content().length + " bytes)").toList();
        if (!lfs.isEmpty()) {
            throw new HubException("commit files", space.toString(), 0, true, "the Hub wants " + String.join(", ", lfs)
                    + " uploaded through Git LFS (large or binary files), which Slipway does not do; keep such files"
                    + " out of the component or fetch them when the container starts");
        }
        StringBuilder ndjson = new StringBuilder();
        ObjectNode header = json.createObjectNode().put("key", "header");
        header.putObject("value").put("summary", summary).put("description", description == null ? "" : description);
        ndjson.append(header).append('\n');
        List<String> written = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (SpaceFile file : files) {
            if ("ignore".equals(modes.get(file.path()))) {
                ignored.add(file.path());
                continue;
            }
            ObjectNode line = json.createObjectNode().put("key", "file");
            line.putObject("value").put("content", Base64.getEncoder().encodeToString(file.content()))
                    .put("path", file.path()).put("encoding", "base64");
            ndjson.append(line).append('\n');
            written.add(file.path());
        }
        for (String path : deletions) {
            ObjectNode line = json.createObjectNode().put("key", "deletedFile");
            line.putObject("value").put("path", path);
            ndjson.append(line).append('\n');
        }
        String what = "commit files";
        JsonNode answer = call(what, space, post(spacePath(space, "/commit/main"), NDJSON, ndjson.toString()))
                .expectJson();
        String oid = answer.path("commitOid").asText("");
        if (oid.isEmpty()) {
            throw new HubException(what, space.toString(), 200, true, "the Hub's answer has no commitOid");
        }
        return new SpaceCommit(oid, written, ignored, deletions);
    }

    public Map<String, SpaceVariable> variables(SpaceId space) {
        JsonNode answer = call("read the variables", space, get(spacePath(space, "/variables"))).expectJson();
        Map<String, SpaceVariable> variables = new LinkedHashMap<>();
        answer.fields().forEachRemaining(e -> variables.put(e.getKey(), new SpaceVariable(
                e.getValue().path("value").asText(), textOrNull(e.getValue().path("description")))));
        return variables;
    }

    /** Adds or updates a variable; {@code description} may be null. */
    public void setVariable(SpaceId space, String key, String value, String description) {
        call("set variable " + key, space, post(spacePath(space, "/variables"), JSON, keyValue(key, value, description)))
                .expectOk();
    }

    public void deleteVariable(SpaceId space, String key) {
        call("delete variable " + key, space, delete(spacePath(space, "/variables"),
                json.createObjectNode().put("key", key).toString())).expectOk();
    }

    /**
     * Adds or updates a secret; {@code description} may be null. The Hub never gives a secret's value back, and a
     * refusal's message never holds it.
     */
    public void setSecret(SpaceId space, String key, String value, String description) {
        call("set secret " + key, space, post(spacePath(space, "/secrets"), JSON, keyValue(key, value, description)),
                Set.of(value)).expectOk();
    }

    /**
     * Removes a secret. The Hub as recorded answers 200 for a key it does not have; a 404 is taken the same way.
     *
     * @return false when the Hub answered 404: the secret (or the Space) is not there
     */
    public boolean deleteSecret(SpaceId space, String key) {
        Answer answer = call("delete secret " + key, space, delete(spacePath(space, "/secrets"),
                json.createObjectNode().put("key", key).toString()));
        if (answer.status() == 404) {
            return false;
        }
        answer.expectOk();
        return true;
    }

    /** Restarts the Space (rebuilding it); answers the runtime right after. */
    public SpaceRuntime restart(SpaceId space) {
        return runtimeOf("restart the Space", space, call("restart the Space", space,
                HttpRequest.newBuilder(URI.create(baseUrl + spacePath(space, "/restart")))
                        .POST(HttpRequest.BodyPublishers.noBody())).expectJson());
    }

    public SpaceRuntime runtime(SpaceId space) {
        return runtimeOf("read the runtime", space,
                call("read the runtime", space, get(spacePath(space, "/runtime"))).expectJson());
    }

    private Map<String, String> uploadModes(SpaceId space, List<SpaceFile> files) {
        Map<String, String> modes = new HashMap<>();
        String what = "ask how to upload files";
        for (int from = 0; from < files.size(); from += PREUPLOAD_BATCH) {
            ObjectNode body = json.createObjectNode();
            ArrayNode entries = body.putArray("files");
            for (SpaceFile file : files.subList(from, Math.min(files.size(), from + PREUPLOAD_BATCH))) {
                byte[] content = file.content();
                entries.addObject().put("path", file.path())
                        .put("sample", Base64.getEncoder().encodeToString(
                                Arrays.copyOf(content, Math.min(content.length, SAMPLE_BYTES))))
                        .put("size", content.length);
            }
            JsonNode answer = call(what, space, post(spacePath(space, "/preupload/main"), JSON, body.toString()))
                    .expectJson();
            for (JsonNode file : answer.path("files")) {
                String mode = file.path("uploadMode").asText();
                if (!mode.equals("regular") && !mode.equals("lfs")) {
                    throw new HubException(what, space.toString(), 200, true, "the Hub answered upload mode '"
                            + mode + "' for " + file.path("path").asText() + "; expected regular or lfs");
                }
                modes.put(file.path("path").asText(), file.path("shouldIgnore").asBoolean(false) ? "ignore" : mode);
            }
        }
        List<String> unanswered = files.stream().map(SpaceFile::path).filter(p -> !modes.containsKey(p)).toList();
        if (!unanswered.isEmpty()) {
            throw new HubException(what, space.toString(), 200, true, "the Hub's preupload answer leaves out "
                    + String.join(", ", unanswered));
        }
        return modes;
    }

    private SpaceRuntime runtimeOf(String what, SpaceId space, JsonNode answer) {
        String stage = answer.path("stage").asText("");
        if (stage.isEmpty()) {
            throw new HubException(what, space.toString(), 200, true, "the Hub's answer has no runtime stage");
        }
        return new SpaceRuntime(stage, textOrNull(answer.path("errorMessage")));
    }

    private String keyValue(String key, String value, String description) {
        ObjectNode body = json.createObjectNode().put("key", key).put("value", value);
        if (description != null) {
            body.put("description", description);
        }
        return body.toString();
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String spacePath(SpaceId space, String rest) {
        return "/api/spaces/" + space.owner() + "/" + space.name() + rest;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder delete(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", JSON)
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private Answer call(String what, SpaceId space, HttpRequest.Builder builder) {
        return call(what, space, builder, Set.of());
    }

    /** @param secrets values the request carries that no message may quote */
    private Answer call(String what, SpaceId space, HttpRequest.Builder builder, Set<String> secrets) {
        HttpRequest request = builder.timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", JSON).header("User-Agent", "slipway").build();
        for (int attempt = 1; ; attempt++) {
            Duration wait = retry.delayAfter(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Answer answer = new Answer(what, space, response, secrets);
                boolean transientStatus = response.statusCode() == 429 || response.statusCode() >= 500;
                if (!transientStatus) {
                    return answer;
                }
                if (!retry.allowsAnotherAfter(attempt)) {
                    throw new HubException(what, space.toString(), response.statusCode(), false,
                            answer.error() + " (" + attempt + " attempts)");
                }
                wait = longer(wait, retryAfter(response));
            } catch (IOException e) {
                if (!retry.allowsAnotherAfter(attempt)) {
                    throw new HubException(what, space.toString(), "the Hub at " + baseUrl + " did not answer ("
                            + redact(e.toString(), secrets) + "; " + attempt + " attempts)", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException(what, space.toString(), "interrupted", e);
            }
            pause(what, space, wait);
        }
    }

    private void pause(String what, SpaceId space, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(what, space.toString(), "interrupted while waiting to try again", e);
        }
    }

    private static Duration longer(Duration a, Optional<Duration> b) {
        return b.filter(d -> d.compareTo(a) > 0).orElse(a);
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }

    /**
     * The Hub's texts could quote what was sent; neither the token nor a secret value of the request may travel on
     * in a message, as sent or as it reads inside a JSON string.
     */
    private String redact(String text, Set<String> secrets) {
        String redacted = text.replace(token, "***");
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            redacted = redacted.replace(secret, "***");
            String escaped = jsonEscaped(secret);
            if (!escaped.isEmpty()) {
                redacted = redacted.replace(escaped, "***");
            }
        }
        return redacted;
    }

    private String jsonEscaped(String text) {
        try {
            String quoted = json.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always has a JSON form", e);
        }
    }

    private final class Answer {
        private final String what;
        private final SpaceId space;
        private final HttpResponse<String> response;
        private final Set<String> secrets;

        Answer(String what, SpaceId space, HttpResponse<String> response, Set<String> secrets) {
            this.what = what;
            this.space = space;
            this.response = response;
            this.secrets = secrets;
        }

        int status() {
            return response.statusCode();
        }

        String expectOk() {
            if (status() / 100 != 2) {
                throw new HubException(what, space.toString(), status(), true, error());
            }
            return response.body();
        }

        JsonNode expectJson() {
            String body = expectOk();
            try {
                return json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new HubException(what, space.toString(), status(), true,
                        "the Hub answered something that is not JSON (" + redact(e.getOriginalMessage(), secrets)
                                + ")");
            }
        }

        /** The Hub's {@code error} text, else its X-Error-Message header, else the start of a plain-text body. */
        String error() {
            String body = response.body() == null ? "" : response.body();
            try {
                JsonNode error = json.readTree(body).path("error");
                if (error.isTextual()) {
                    return redact(error.asText(), secrets);
                }
            } catch (JsonProcessingException e) {
                // not the Hub's JSON error; the header or the text say more
            }
            Optional<String> header = response.headers().firstValue("X-Error-Message");
            if (header.isPresent()) {
                return redact(header.get(), secrets);
            }
            String text = body.strip();
            if (text.isEmpty() || text.startsWith("<")) {
                return "no error text";
            }
            // redacted before it is cut, so that no part of a secret is left at the cut
            text = redact(text, secrets);
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }
}

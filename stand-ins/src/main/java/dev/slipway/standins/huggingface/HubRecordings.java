package dev.slipway.standins.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testsupport.Reference;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Hub's recorded interactions (the huggingface_hub library's VCR cassettes in
 * {@code reference/huggingface/huggingface_hub/tests/cassettes/}), and whether a request has the shape of one of
 * them: same method, same path with the Space's owner and name as placeholders, same query, same content type and a
 * body with the same JSON keys and value types. NDJSON bodies (commits) are checked line by line against the
 * recorded lines with the same {@code key}.
 * <p>
 * Two shapes no cassette holds are added from {@code unrecorded-interactions.yaml} (see its header for where they
 * come from): {@code deletedFile} commit lines and {@code revision/main?expand=siblings}.
 */
public final class HubRecordings {
    public static final String CASSETTES = "huggingface/huggingface_hub/tests/cassettes";
    static final String UNRECORDED = "unrecorded-interactions.yaml";
    private static final Pattern SPACE_PATH = Pattern.compile("^/api/spaces/([^/]+)/([^/]+)(/.*)?$");
    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded request and its answer; {@code path} has {owner}/{name} in place of the Space. */
    public record Interaction(String source, String method, String uri, String path, Set<String> query,
                              String contentType, String body, int status, String answerContentType,
                              String answer) {
    }

    private final List<Interaction> interactions;

    private HubRecordings(List<Interaction> interactions) {
        this.interactions = List.copyOf(interactions);
    }

    /** Every cassette of the reference, then the unrecorded supplement; read once per JVM (they do not change). */
    public static HubRecordings load() {
        return Loaded.RECORDINGS;
    }

    private static final class Loaded {
        static final HubRecordings RECORDINGS = read();
    }

    private static HubRecordings read() {
        List<Interaction> all = new ArrayList<>();
        Path dir = Reference.path(CASSETTES);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path cassette : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(cassette)) {
                    all.addAll(read(cassette.getFileName().toString(), in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hub's cassettes in " + dir, e);
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no recorded interactions in " + dir);
        }
        try (InputStream in = HubRecordings.class.getResourceAsStream(UNRECORDED)) {
            all.addAll(read(UNRECORDED, Objects.requireNonNull(in, UNRECORDED)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HubRecordings(all);
    }

    public List<Interaction> interactions() {
        return interactions;
    }

    /** A path with the Space's owner and name replaced by {@code {owner}} and {@code {name}}. */
    public static String pathShape(String rawPath) {
        Matcher space = SPACE_PATH.matcher(rawPath);
        if (!space.matches()) {
            return rawPath;
        }
        return "/api/spaces/{owner}/{name}" + (space.group(3) == null ? "" : space.group(3));
    }

    /** Decoded {@code name=value} pairs of a query string. */
    public static Set<String> query(String rawQuery) {
        Set<String> pairs = new TreeSet<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                pairs.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
            }
        }
        return pairs;
    }

    /** The media type without parameters, lower-case; null when there is none. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Why no recorded interaction has this request's shape; empty when one has.
     *
     * @param body the request body, empty when it has none
     */
    public Optional<String> violation(String method, String rawPath, String rawQuery, String contentType,
                                      String body) {
        String path = pathShape(rawPath);
        Set<String> query = query(rawQuery);
        String request = method + " " + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        List<Interaction> route = interactions.stream()
                .filter(i -> i.method().equals(method) && i.path().equals(path) && i.query().equals(query)).toList();
        if (route.isEmpty()) {
            Set<String> similar = new TreeSet<>();
            interactions.stream().filter(i -> i.path().equals(path))
                    .forEach(i -> similar.add(i.method() + " " + i.path()
                            + (i.query().isEmpty() ? "" : "?" + String.join("&", i.query()))));
            return Optional.of("no recorded interaction for " + request
                    + (similar.isEmpty() ? "" : "; recorded on this path: " + String.join(", ", similar)));
        }
        String type = mediaType(contentType);
        List<Interaction> typed = route.stream().filter(i -> Objects.equals(i.contentType(), type)).toList();
        if (typed.isEmpty()) {
            Set<String> recorded = new TreeSet<>();
            route.forEach(i -> recorded.add(String.valueOf(i.contentType())));
            return Optional.of(request + " is recorded with Content-Type " + String.join(" or ", recorded)
                    + ", got " + type);
        }
        boolean hasBody = body != null && !body.isEmpty();
        List<Interaction> bodied = typed.stream().filter(i -> (i.body() != null) == hasBody).toList();
        if (bodied.isEmpty()) {
            return Optional.of(request + " is recorded " + (hasBody ? "without a body" : "with a body") + ", got "
                    + (hasBody ? "one" : "none"));
        }
        if (!hasBody) {
            return Optional.empty();
        }
        return NDJSON.equals(type) ? ndjsonViolation(request, body, bodied) : jsonViolation(request, body, bodied);
    }

    /** The first recorded answer of a route with this status, as JSON; for answers with the recorded fields. */
    public JsonNode answer(String method, String pathShape, Set<String> query, int status) {
        return interactions.stream()
                .filter(i -> i.method().equals(method) && i.path().equals(pathShape) && i.query().equals(query)
                        && i.status() == status)
                .findFirst().map(i -> parse(i.answer()))
                .orElseThrow(() -> new IllegalStateException("no recorded " + status + " answer for " + method + " "
                        + pathShape + " " + query));
    }

    private Optional<String> jsonViolation(String request, String body, List<Interaction> recorded) {
        JsonNode actual;
        try {
            actual = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of(request + ": the body is not JSON (" + e.getOriginalMessage() + ")");
        }
        String closest = null;
        for (Interaction interaction : recorded) {
            Optional<String> difference = difference("body", actual, parse(interaction.body()));
            if (difference.isEmpty()) {
                return Optional.empty();
            }
            if (closest == null) {
                closest = difference.get();
            }
        }
        return Optional.of(request + ": " + closest + " (as recorded in " + recorded.get(0).source() + ")");
    }

    private Optional<String> ndjsonViolation(String request, String body, List<Interaction> recorded) {
        List<JsonNode> recordedLines = new ArrayList<>();
        for (Interaction interaction : recorded) {
            for (String line : lines(interaction.body())) {
                recordedLines.add(parse(line));
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        recordedLines.forEach(l -> keys.add(l.path("key").asText()));
        List<String> lines = lines(body);
        if (lines.isEmpty()) {
            return Optional.of(request + ": the NDJSON body has no lines");
        }
        int headers = 0;
        for (int n = 0; n < lines.size(); n++) {
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(n));
            } catch (JsonProcessingException e) {
                return Optional.of(request + ": NDJSON line " + (n + 1) + " is not JSON (" + e.getOriginalMessage()
                        + ")");
            }
            String key = line.path("key").asText(null);
            if (key == null || !keys.contains(key)) {
                return Optional.of(request + ": NDJSON line " + (n + 1) + " has key " + (key == null ? "none"
                        : "'" + key + "'") + "; the recordings have only " + keys);
            }
            if (n == 0 && !key.equals("header")) {
                return Optional.of(request + ": NDJSON line 1 must be the 'header' line, as in every recording;"
                        + " got '" + key + "'");
            }
            headers += key.equals("header") ? 1 : 0;
            String closest = null;
            for (JsonNode candidate : recordedLines) {
                if (!candidate.path("key").asText().equals(key)) {
                    continue;
                }
                Optional<String> difference = difference("line " + (n + 1), line, candidate);
                if (difference.isEmpty()) {
                    closest = null;
                    break;
                }
                if (closest == null) {
                    closest = difference.get();
                }
            }
            if (closest != null) {
                return Optional.of(request + ": NDJSON " + closest + " ('" + key + "' lines as recorded)");
            }
        }
        if (headers != 1) {
            return Optional.of(request + ": the NDJSON body has " + headers + " 'header' lines; the recordings have one");
        }
        return Optional.empty();
    }

    /**
     * How {@code actual} differs in shape from {@code recorded}: objects need the same keys, arrays elements of a
     * recorded element's shape, other values the same JSON type.
     */
    static Optional<String> difference(String where, JsonNode actual, JsonNode recorded) {
        if (!type(actual).equals(type(recorded))) {
            return Optional.of(where + " is " + type(actual) + " where the recordings have " + type(recorded));
        }
        if (recorded.isObject()) {
            Set<String> want = names(recorded);
            Set<String> got = names(actual);
            if (!want.equals(got)) {
                Set<String> missing = new TreeSet<>(want);
                missing.removeAll(got);
                Set<String> unexpected = new TreeSet<>(got);
                unexpected.removeAll(want);
                return Optional.of(where + " has keys " + got + " where the recordings have " + want
                        + (missing.isEmpty() ? "" : "; missing " + missing)
                        + (unexpected.isEmpty() ? "" : "; not recorded " + unexpected));
            }
            for (String name : want) {
                Optional<String> inner = difference(where + "." + name, actual.get(name), recorded.get(name));
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        if (recorded.isArray() && !recorded.isEmpty()) {
            for (int n = 0; n < actual.size(); n++) {
                Optional<String> first = Optional.empty();
                boolean matched = false;
                for (JsonNode element : recorded) {
                    Optional<String> inner = difference(where + "[" + n + "]", actual.get(n), element);
                    if (inner.isEmpty()) {
                        matched = true;
                        break;
                    }
                    first = first.isPresent() ? first : inner;
                }
                if (!matched) {
                    return first;
                }
            }
        }
        return Optional.empty();
    }

    private static String type(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static List<String> lines(String body) {
        return Arrays.stream(body.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Interaction> read(String source, InputStream in) {
        Map<String, Object> cassette = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        List<Interaction> read = new ArrayList<>();
        for (Map<String, Object> interaction : (List<Map<String, Object>>) cassette.get("interactions")) {
            Map<String, Object> request = (Map<String, Object>) interaction.get("request");
            Map<String, Object> response = (Map<String, Object>) interaction.get("response");
            URI uri = URI.create((String) request.get("uri"));
            Map<String, Object> status = (Map<String, Object>) response.get("status");
            Map<String, Object> answerBody = (Map<String, Object>) response.get("body");
            read.add(new Interaction(source, (String) request.get("method"), uri.toString(),
                    pathShape(uri.getRawPath()), query(uri.getRawQuery()),
                    mediaType(header((Map<String, Object>) request.get("headers"))), (String) request.get("body"),
                    ((Number) status.get("code")).intValue(),
                    mediaType(header((Map<String, Object>) response.get("headers"))),
                    (String) answerBody.get("string")));
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private static String header(Map<String, Object> headers) {
        if (headers == null) {
            return null;
        }
        Object value = headers.get("Content-Type");
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.get(0));
        }
        return (String) value;
    }
}

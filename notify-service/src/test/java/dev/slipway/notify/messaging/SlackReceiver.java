package dev.slipway.notify.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.testsupport.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for two Slack incoming webhooks on a free port. It checks each request as Slack documents it
 * (shared/reference/slack/incoming-webhook-errors.transcribed.json: POST, JSON content type, a body that parses
 * with a non-empty {@code text}) and answers as the test scripted for the app the message is about.
 */
public final class SlackReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode REFERENCE = readReference();
    /**
     * Slack truncates a message's text after 40,000 characters
     * (https://api.slack.com/changelog/2018-04-truncating-really-long-messages; not in shared/reference yet).
     */
    static final int TRUNCATED_AFTER = 40_000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> hookPaths = new ArrayList<>();
    private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param rejection why Slack would not accept it (answered 400 invalid_payload), null when valid */
    public record Request(String path, String text, long receivedNanos, String rejection) {
    }

    public record Answer(int status, String body, String retryAfter) {

        public static Answer ok() {
            return new Answer(200, "ok", null);
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, "{\"calls\": 2}", String.valueOf(retryAfterSeconds));
        }

        /** One of the error answers in the reference, by its body, e.g. {@code channel_not_found}. */
        public static Answer documented(String error) {
            for (JsonNode e : REFERENCE.get("errors")) {
                if (e.get("body").asText().equals(error)) {
                    return new Answer(e.get("http").asInt(), error, null);
                }
            }
            throw new IllegalArgumentException("the reference documents no error " + error);
        }
    }

    SlackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        for (String hook : List.of("B00000001", "B00000002")) {
            String path = "/services/T0SLIPWAY/" + hook + "/" + UUID.randomUUID().toString().replace("-", "");
            hookPaths.add(path);
            server.createContext(path, this::handle);
        }
        server.start();
    }

    public List<String> webhookUrls() {
        return hookPaths.stream().map(p -> "http://127.0.0.1:" + server.getAddress().getPort() + p).toList();
    }

    public List<String> hookPaths() {
        return List.copyOf(hookPaths);
    }

    /** Messages about {@code app} get these answers in turn, per webhook; the last one repeats. */
    public void script(String app, Answer... answers) {
        scripts.put(app, List.of(answers));
    }

    /** Requests whose message is about {@code app}. */
    public List<Request> requestsFor(String app) {
        return requests.stream().filter(r -> r.text() != null && r.text().contains(app + "/")).toList();
    }

    public List<Request> rejected() {
        return requests.stream().filter(r -> r.rejection() != null).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long receivedNanos = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String text = null;
        String rejection = null;
        String expectedType = REFERENCE.at("/request_format/json/content_type").asText();
        if (!exchange.getRequestMethod().equals(REFERENCE.at("/request_format/method").asText())) {
            rejection = "method " + exchange.getRequestMethod();
        } else if (contentType == null || !contentType.toLowerCase().startsWith(expectedType)) {
            rejection = "content type " + contentType;
        } else {
            try {
                JsonNode payload = JSON.readTree(body);
                text = payload.path("text").isTextual() ? payload.get("text").asText() : null;
                if (text == null || text.isBlank()) {
                    rejection = "no text in " + body;
                } else if (text.length() > TRUNCATED_AFTER) {
                    rejection = "text of " + text.length() + " characters, which Slack truncates";
                }
            } catch (IOException e) {
                rejection = "body is not JSON: " + body;
            }
        }
        requests.add(new Request(exchange.getHttpContext().getPath(), text, receivedNanos, rejection));
        Answer answer = rejection != null ? Answer.documented("invalid_payload") : next(exchange.getHttpContext().getPath(), text);
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer next(String path, String text) {
        return scripts.entrySet().stream().filter(s -> text.contains(s.getKey() + "/")).findFirst().map(s -> {
            int n = answered.computeIfAbsent(path + " " + s.getKey(), k -> new AtomicInteger()).getAndIncrement();
            return s.getValue().get(Math.min(n, s.getValue().size() - 1));
        }).orElse(Answer.ok());
    }

    private static JsonNode readReference() {
        try {
            return JSON.readTree(Reference.read("slack/incoming-webhook-errors.transcribed.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

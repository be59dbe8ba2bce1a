package dev.slipway.notify.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A team's own webhook receiver on a free port, as its owner would write it: each hook has its key and checks
 * {@code X-Slipway-Signature-256} the way GitHub's documentation checks {@code X-Hub-Signature-256} (HMAC-SHA256 of
 * the raw body, hex, compared in constant time), and refuses a request without a valid signature (401) or without
 * the event and delivery headers (400). Answers are scripted per app; the last one repeats; one may stall.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> paths = new ConcurrentHashMap<>();
    private final Map<String, List<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released when the receiver closes: stalled answers wait for it. */
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * @param hook       the hook's name
     * @param receivedAt wall-clock time of arrival (SC-006 is measured against the event's time)
     * @param rejection  why it was refused, null when the signature verified
     */
    public record Request(String hook, Map<String, String> headers, byte[] body, JsonNode payload, long receivedAt,
                          String rejection) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** @param stalls sends the status line, the headers and the start of the body, then nothing more until closed */
    public record Answer(int status, String body, String retryAfter, boolean stalls) {

        public static Answer ok() {
            return new Answer(200, "", null, false);
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, "slow down", String.valueOf(retryAfterSeconds), false);
        }

        /** A receiver stuck after starting its answer: a 200 whose body never comes. */
        public static Answer stall() {
            return new Answer(200, "accepted, and then", null, true);
        }
    }

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.start();
    }

    /** Adds a hook checking signatures with {@code key}; its URL carries a token, as receivers' URLs often do. */
    public String addHook(String name, String key) {
        String path = "/hooks/" + name + "/" + UUID.randomUUID().toString().replace("-", "");
        keys.put(name, key);
        paths.put(name, path);
        server.createContext(path, exchange -> handle(name, exchange));
        return url(name);
    }

    public String url(String hook) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + paths.get(hook);
    }

    public String path(String hook) {
        return paths.get(hook);
    }

    /** Requests about {@code app} answered with these, in turn; the last one repeats. */
    public void script(String app, Answer... answers) {
        scripts.put(app, List.of(answers));
    }

    public List<Request> requestsFor(String app) {
        return requests.stream().filter(r -> r.payload() != null && app.equals(r.payload().path("app").asText())).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> rejected() {
        return requests.stream().filter(r -> r.rejection() != null).toList();
    }

    /** GitHub's documented check, written as a receiver would write it. */
    static boolean signatureMatches(String key, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(String hook, HttpExchange exchange) throws IOException {
        long receivedAt = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        JsonNode payload = null;
        String rejection = null;
        if (!exchange.getRequestMethod().equals("POST")) {
            rejection = "method " + exchange.getRequestMethod();
        } else if (!signatureMatches(keys.get(hook), body, headers.get("x-slipway-signature-256"))) {
            rejection = "signature does not match";
        } else if (headers.get("x-slipway-event") == null || headers.get("x-slipway-delivery") == null) {
            rejection = "no X-Slipway-Event or X-Slipway-Delivery header";
        } else if (headers.get("content-type") == null || !headers.get("content-type").startsWith("application/json")) {
            rejection = "content type " + headers.get("content-type");
        }
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            rejection = rejection == null ? "body is not JSON" : rejection;
        }
        requests.add(new Request(hook, Map.copyOf(headers), body, payload, receivedAt, rejection));
        Answer answer = rejection == null ? next(hook, payload)
                : new Answer(rejection.startsWith("signature") ? 401 : 400, rejection, null, false);
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.stalls()) {
            exchange.sendResponseHeaders(answer.status(), bytes.length + 1000L);
            exchange.getResponseBody().write(bytes);
            exchange.getResponseBody().flush();
            awaitClosing();
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Answer next(String hook, JsonNode payload) {
        String app = payload.path("app").asText();
        List<Answer> script = scripts.get(app);
        if (script == null) {
            return Answer.ok();
        }
        int n = answered.computeIfAbsent(hook + " " + app, k -> new AtomicInteger()).getAndIncrement();
        return script.get(Math.min(n, script.size() - 1));
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

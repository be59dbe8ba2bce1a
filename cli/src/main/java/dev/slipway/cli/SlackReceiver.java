package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local stand-in for a Slack incoming webhook, for the demo and the tests: it accepts what Slack accepts
 * (a JSON body with {@code text}) and answers {@code 400 invalid_payload} otherwise, as Slack does.
 */
public final class SlackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Consumer<String> onMessage;

    private SlackReceiver(Consumer<String> onMessage) throws IOException {
        this.onMessage = onMessage;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/services/", this::handle);
        server.start();
    }

    public static SlackReceiver start(Consumer<String> onMessage) {
        try {
            return new SlackReceiver(onMessage);
        } catch (IOException e) {
            throw new CliException("cannot start the local Slack receiver: " + e.getMessage());
        }
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000LOCAL/B000LOCAL/demo";
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits until {@code count} messages have arrived or {@code timeout} passed; true if they arrived. */
    public boolean awaitMessages(int count, Duration timeout) throws InterruptedException {
        return awaitUntil(all -> all.size() >= count, timeout);
    }

    /** Waits for a message that matches, up to {@code timeout}; empty if none came. */
    public Optional<String> awaitMessage(Predicate<String> match, Duration timeout) throws InterruptedException {
        return awaitUntil(all -> all.stream().anyMatch(match), timeout)
                ? messages().stream().filter(match).findFirst() : Optional.empty();
    }

    private synchronized boolean awaitUntil(Predicate<List<String>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(messages)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void arrived(String text) {
        messages.add(text);
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String text = null;
            if ("POST".equals(exchange.getRequestMethod()) && contentType != null && contentType.startsWith("application/json")) {
                try {
                    JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
                    if (body != null && body.hasNonNull("text") && !body.get("text").asText().isBlank()) {
                        text = body.get("text").asText();
                    }
                } catch (IOException e) {
                    text = null;
                }
            }
            if (text == null) {
                respond(exchange, 400, "invalid_payload");
                return;
            }
            arrived(text);
            onMessage.accept(text);
            respond(exchange, 200, "ok");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

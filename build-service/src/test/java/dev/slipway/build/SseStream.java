package dev.slipway.build;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stream of server-sent events read line by line with the JDK client, its events collected as they arrive. */
final class SseStream {

    /** @param name null for an event without one (a {@code message}) */
    record Event(String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile String contentType;
    private String name;
    private String data;

    /** Opens the stream with no Accept header of its own, over HTTP/1.1, as curl would. */
    SseStream(URI uri) {
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(r -> {
                    contentType = r.headers().firstValue("content-type").orElse(null);
                    r.body().forEach(this::line);
                    return null;
                });
    }

    /** Null until the answer's headers arrived. */
    String contentType() {
        return contentType;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** The server ended the stream (or it broke: {@link #join()} says). */
    boolean closed() {
        return response.isDone();
    }

    void join() {
        response.join();
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new Event(name, data));
            }
            name = null;
            data = null;
            return;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
            return; // a comment
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        switch (field) {
            case "event" -> name = value;
            case "data" -> data = data == null ? value : data + "\n" + value;
            default -> {
                // id and retry are not used here
            }
        }
    }
}

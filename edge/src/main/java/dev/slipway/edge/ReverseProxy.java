package dev.slipway.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes a request on to a service on its port and streams the answer back: method, headers (less hop-by-hop
 * ones) and body both ways, plus the X-Forwarded-* headers a service needs to know where it is mounted.
 */
final class ReverseProxy {
    /** Headers of one connection, not of the message (RFC 9110 7.6.1); Proxy-* too. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade");
    /** The client sets these itself from the URL and the body, and refuses them. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect");

    private final HttpClient client;
    private final Duration timeout;

    ReverseProxy(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * @param mount the path the environment (or its preview) is served under, e.g. {@code /shop/production}
     * @param path  the raw request path below the service's route, possibly empty
     */
    void forward(HttpExchange exchange, RouteSnapshot route, RouteSnapshot.ServiceRoute service, String mount,
                 String path) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create("http://127.0.0.1:" + service.port() + (path.isEmpty() ? "/" : path)
                + (query == null ? "" : "?" + query));
        Headers incoming = exchange.getRequestHeaders();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .method(exchange.getRequestMethod(), body(exchange));
        Set<String> dropped = dropped(incoming);
        incoming.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        String clientAddress = exchange.getRemoteAddress().getAddress().getHostAddress();
        String forwardedFor = incoming.getFirst("X-Forwarded-For");
        request.setHeader("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        String host = incoming.getFirst("Host");
        if (host != null) {
            request.setHeader("X-Forwarded-Host", host);
        }
        request.setHeader("X-Forwarded-Proto", "http");
        request.setHeader("X-Forwarded-Prefix", mount + service.prefix());

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            Responses.text(exchange, 502, route.describe(service) + " is not answering: " + reason(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(exchange, 502, route.describe(service) + " is not answering: the edge is stopping");
            return;
        }
        try (InputStream body = response.body()) {
            Set<String> droppedBack = new HashSet<>(HOP_BY_HOP);
            response.headers().allValues("Connection").forEach(v -> droppedBack.addAll(tokens(v)));
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!droppedBack.contains(name) && !name.startsWith("proxy-") && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            int status = response.statusCode();
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304
                    || status < 200;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            // the server's length convention: -1 no body, 0 chunked (length unknown), n exactly n bytes
            exchange.sendResponseHeaders(status, noBody || length == 0 ? -1 : length < 0 ? 0 : length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        }
    }

    /** The body streamed through as it arrives, with the length the client gave so the service sees it too. */
    private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        if (headers.containsKey("Transfer-Encoding")) {
            return HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        }
        if (length == null || Long.parseLong(length.trim()) == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody), Long.parseLong(length.trim()));
    }

    /** Lower-case names of the request headers not passed on, including those the Connection header names. */
    private static Set<String> dropped(Headers incoming) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(SET_BY_CLIENT);
        List<String> connection = incoming.get("Connection");
        if (connection != null) {
            connection.forEach(value -> dropped.addAll(tokens(value)));
        }
        incoming.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> name.startsWith("proxy-")).forEach(dropped::add);
        return dropped;
    }

    private static List<String> tokens(String headerValue) {
        return List.of(headerValue.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    private String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within the connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}

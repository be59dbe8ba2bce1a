package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Small JSON-over-HTTP client for the services' REST APIs. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CliException("the service answered something that is not JSON: " + body);
            }
        }

        /** The service's own explanation of an error, if it gave one. */
        String message() {
            try {
                JsonNode node = JSON.readTree(body);
                for (String field : new String[]{"message", "error", "reason", "title"}) {
                    if (node != null && node.hasNonNull(field)) {
                        return node.get(field).asText();
                    }
                }
            } catch (IOException ignored) {
                // not JSON: show the body as it is
            }
            return body.isBlank() ? "HTTP " + status : body;
        }
    }

    private Http() {
    }

    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    static Answer postJson(String url, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), url);
        } catch (IOException e) {
            throw new CliException("cannot encode the request: " + e.getMessage());
        }
    }

    /** PUTs {@code text} as the body, {@code text/plain; charset=UTF-8}. */
    static Answer putText(String url, String text) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), url);
    }

    static Answer delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), url);
    }

    /** One path segment, percent-encoded (every byte outside letters, digits and {@code -._~}). */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    static Answer post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request, url);
    }

    private static Answer send(HttpRequest.Builder request, String url) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new CliException("nothing answers at " + URI.create(url).resolve("/")
                    + " — is Slipway running? Start it with ./slipway up");
        } catch (IOException e) {
            throw new CliException("request to " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}

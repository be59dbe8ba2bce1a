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

/**
 * Small JSON-over-HTTP client for the services' REST APIs. Every request to a service's {@code /api/...} carries
 * {@code Authorization: Bearer <token>} from {@link Credentials} (nothing when there is none); a 401 or 403 from
 * {@code /api} ends the command with the service's reason, the hint and exit code {@value #AUTH_EXIT_CODE}.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Exit code of a command whose token is missing, unknown or not allowed to do what it asked. */
    static final int AUTH_EXIT_CODE = 4;
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

        /** The request field an error is about ({@code {"error", "field"}}), if the service named one. */
        String field() {
            try {
                JsonNode node = JSON.readTree(body);
                return node != null && node.hasNonNull("field") ? node.get("field").asText() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final Credentials credentials;

    Http(Credentials credentials) {
        this.credentials = credentials;
    }

    Answer get(String url) {
        return send(request(url).GET(), url);
    }

    Answer postJson(String url, Object body) {
        try {
            return send(request(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), url);
        } catch (IOException e) {
            throw new CliException("cannot encode the request: " + e.getMessage());
        }
    }

    /** PUTs {@code text} as the body, {@code text/plain; charset=UTF-8}. */
    Answer putText(String url, String text) {
        return send(request(url).header("Content-Type", "text/plain; charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), url);
    }

    Answer delete(String url) {
        return send(request(url).DELETE(), url);
    }

    Answer post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request, url);
    }

    /** A request to {@code url}, with the bearer token if it goes to a service's {@code /api} and there is one. */
    HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (isApi(url)) {
            credentials.token().ifPresent(token -> request.header("Authorization", "Bearer " + token.value()));
        }
        return request;
    }

    /**
     * Ends the command when a service's {@code /api} refused the request for its token (401: none or unknown;
     * 403: its role may not do this): the service's reason, which token was sent, and what to do.
     */
    void refuseIfUnauthorized(String url, int status, String body) {
        if ((status == 401 || status == 403) && isApi(url)) {
            throw new CliException(new Answer(status, body).message() + " (HTTP " + status + " from "
                    + URI.create(url).resolve("/") + ", " + credentials.describe() + "); " + Credentials.HINT,
                    AUTH_EXIT_CODE);
        }
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

    /** A service's API (also behind a reverse proxy that adds a prefix); webhooks and health checks are not. */
    private static boolean isApi(String url) {
        String path = URI.create(url).getRawPath();
        return path != null && path.contains("/api/");
    }

    private Answer send(HttpRequest.Builder request, String url) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            refuseIfUnauthorized(url, response.statusCode(), response.body());
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

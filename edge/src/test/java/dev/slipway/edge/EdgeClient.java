package dev.slipway.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Talks to an edge the way deploy-service and browsers do; the test service is {@code service.py}. */
final class EdgeClient {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI publicUrl;
    private final URI adminUrl;
    private final Path serviceDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    EdgeClient(URI publicUrl, URI adminUrl, Path serviceDir) {
        this.publicUrl = publicUrl;
        this.adminUrl = adminUrl;
        this.serviceDir = serviceDir;
    }

    /** Copies the test service into {@code dir}. */
    static Path serviceDir(Path dir) throws IOException {
        Path serviceDir = Files.createDirectories(dir.resolve("service"));
        try (InputStream script = EdgeClient.class.getResourceAsStream("service.py")) {
            Files.copy(script, serviceDir.resolve("service.py"), StandardCopyOption.REPLACE_EXISTING);
        }
        return serviceDir;
    }

    record Answer(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer admin(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(adminUrl.resolve(path)).method(method, publisher)
                .header("Content-Type", "application/json"));
    }

    Answer get(String publicPath) {
        return send(HttpRequest.newBuilder(publicUrl.resolve(publicPath)));
    }

    Answer preview(String app, String environment, String slot, String rest) {
        return send(HttpRequest.newBuilder(adminUrl.resolve("preview/" + app + "/" + environment + "/" + slot + "/"
                + rest)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status line of a request sent exactly as written: no client normalizes its path. */
    String rawGet(String rawPath) throws IOException {
        try (Socket socket = new Socket(publicUrl.getHost(), publicUrl.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("");
        }
    }

    /** A static site: index.html and version.txt saying {@code v<version>}. */
    static Path site(Path dir, long version) throws IOException {
        Path site = Files.createDirectories(dir.resolve("sites").resolve("v" + version + "-" + System.nanoTime()));
        Files.writeString(site.resolve("index.html"), "<h1>release v" + version + "</h1>");
        Files.writeString(site.resolve("version.txt"), "v" + version);
        return site;
    }

    /** A slot body: the site at the root and the test service at /api answering {@code v<version>}. */
    ObjectNode slotBody(long version, Path site, Map<String, String> env) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        if (site == null) {
            body.putNull("static");
        } else {
            body.putObject("static").put("component", "web").put("dir", site.toString());
        }
        ObjectNode service = body.putArray("services").addObject().put("component", "api").put("route", "/api")
                .put("run", "exec python3 service.py").put("dir", serviceDir.toString());
        ObjectNode variables = service.putObject("env").put("APP_VERSION", "v" + version);
        env.forEach(variables::put);
        return body;
    }

    JsonNode prepare(String app, String environment, String slot, ObjectNode body) {
        Answer answer = admin("PUT", "environments/" + app + "/" + environment + "/slots/" + slot, body.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Prepares the slot and waits until its service answers, as deploy-service does before a switch. */
    JsonNode prepareServing(String app, String environment, String slot, ObjectNode body) {
        JsonNode view = prepare(app, environment, slot, body);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> preview(app, environment, slot, "api/health").status() == 200);
        return view;
    }

    JsonNode switchTo(String app, String environment, String slot, long version, String retainPrevious) {
        Answer answer = admin("PUT", "environments/" + app + "/" + environment + "/route",
                JSON.createObjectNode().put("slot", slot).put("version", version)
                        .put("retainPrevious", retainPrevious).toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    JsonNode environment(String app, String environment) {
        Answer answer = admin("GET", "environments/" + app + "/" + environment, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}

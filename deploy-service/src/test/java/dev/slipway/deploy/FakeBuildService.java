package dev.slipway.deploy;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real HTTP server playing the build-service's {@code GET /api/artifacts/{digest}}, serving the files
 * tests put in {@link #ARTIFACT_DIR_PROPERTY} (named by digest); a digest with no file answers 404. Files
 * rather than shared objects, because tests and test resources are loaded by different class loaders.
 * Also gives the service a fresh data directory and a known port.
 */
public class FakeBuildService implements QuarkusTestResourceLifecycleManager {
    public static final String ARTIFACT_DIR_PROPERTY = "deploy-test.artifact-dir";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("slipway-deploy-test-");
            Path artifacts = Files.createDirectories(root.resolve("artifacts"));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/artifacts/", exchange -> {
                String digest = exchange.getRequestURI().getPath().substring("/api/artifacts/".length());
                Path file = artifacts.resolve(digest).normalize();
                if (!file.getParent().equals(artifacts) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().set("Content-Type", "application/zip");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            int servicePort = freePort();
            return Map.of(
                    // a known port, so the environment URLs in events can be fetched as they are
                    "quarkus.http.test-port", Integer.toString(servicePort),
                    "slipway.deploy.public-url", "http://127.0.0.1:" + servicePort,
                    "slipway.deploy.build-service-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "slipway.deploy.data-dir", root.resolve("data").toString(),
                    ARTIFACT_DIR_PROPERTY, artifacts.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package dev.slipway.deploy;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server playing the build-service's {@code GET /api/artifacts/{digest}}, serving the files
 * tests put in {@link #ARTIFACT_DIR_PROPERTY} (named by digest); a digest with no file answers 404. Files
 * rather than shared objects, because tests and test resources are loaded by different class loaders.
 * While a file named by a digest is in {@link #HOLD_DIR_PROPERTY}, that artifact's answer waits for it to
 * be deleted, so a test can keep a deploy in flight. Also gives the service a fresh data directory.
 */
public class FakeBuildService implements QuarkusTestResourceLifecycleManager {
    public static final String ARTIFACT_DIR_PROPERTY = "deploy-test.artifact-dir";
    public static final String HOLD_DIR_PROPERTY = "deploy-test.hold-dir";
    // a test that fails before releasing its hold must not leave the service waiting for ever
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private HttpServer server;
    private ExecutorService answering;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("slipway-deploy-test-");
            Path artifacts = Files.createDirectories(root.resolve("artifacts"));
            Path holds = Files.createDirectories(root.resolve("holds"));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // a held answer must not hold up the others
            answering = Executors.newCachedThreadPool();
            server.setExecutor(answering);
            server.createContext("/api/artifacts/", exchange -> {
                String digest = exchange.getRequestURI().getPath().substring("/api/artifacts/".length());
                Path file = artifacts.resolve(digest).normalize();
                if (!file.getParent().equals(artifacts) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                awaitRelease(holds, digest);
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().set("Content-Type", "application/zip");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return Map.of(
                    "slipway.deploy.build-service-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "slipway.deploy.data-dir", root.resolve("data").toString(),
                    ARTIFACT_DIR_PROPERTY, artifacts.toString(),
                    HOLD_DIR_PROPERTY, holds.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once {@code holds} has no file named {@code digest}, woken by its deletion. */
    private static void awaitRelease(Path holds, String digest) throws IOException {
        Path hold = holds.resolve(digest);
        try (WatchService watcher = holds.getFileSystem().newWatchService()) {
            // watching before looking, so a release in between is not missed
            holds.register(watcher, StandardWatchEventKinds.ENTRY_DELETE);
            long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
            while (Files.exists(hold)) {
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    return;
                }
                key.pollEvents();
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            answering.shutdownNow();
        }
    }
}

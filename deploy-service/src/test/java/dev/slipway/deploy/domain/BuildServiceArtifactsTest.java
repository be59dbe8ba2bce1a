package dev.slipway.deploy.domain;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient failures are retried (3 attempts in all); a missing artifact fails at once. */
class BuildServiceArtifactsTest {
    static final Digest DIGEST = Digest.of("artifact".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;
    HttpServer server;
    final List<String> requested = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/artifacts/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            boolean known = exchange.getRequestURI().getPath().endsWith(DIGEST.toString());
            int status = !known ? 404 : failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            byte[] body = status == 200 ? "artifact".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void serverErrorsAreRetried() throws IOException {
        failuresLeft.set(2);
        Path into = tmp.resolve("a.zip");

        artifacts().download(DIGEST, into);

        assertThat(Digest.of(into)).isEqualTo(DIGEST);
        assertThat(requested).containsOnly("/api/artifacts/" + DIGEST).hasSize(3);
    }

    @Test
    void serverErrorsBeyondThreeAttemptsFail() {
        failuresLeft.set(3);

        assertThatThrownBy(() -> artifacts().download(DIGEST, tmp.resolve("a.zip")))
                .isInstanceOf(DeployException.class)
                .hasMessage("the build-service answered 503 for artifact " + DIGEST + " (3 attempts)");
        assertThat(requested).hasSize(3);
    }

    @Test
    void missingArtifactFailsAtOnce() {
        Digest other = Digest.of(new byte[]{42});

        assertThatThrownBy(() -> artifacts().download(other, tmp.resolve("a.zip")))
                .isInstanceOf(DeployException.class)
                .hasMessage("artifact " + other + " not found at the build-service (404)");
        assertThat(requested).hasSize(1);
    }

    @Test
    void unreachableBuildServiceFailsWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new BuildServiceArtifacts("http://127.0.0.1:" + closed, Duration.ofSeconds(5))
                .download(DIGEST, tmp.resolve("a.zip")))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("cannot download artifact " + DIGEST + " from http://127.0.0.1:" + closed)
                .hasMessageEndingWith("(3 attempts)");
    }

    private BuildServiceArtifacts artifacts() {
        return new BuildServiceArtifacts("http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(5));
    }
}

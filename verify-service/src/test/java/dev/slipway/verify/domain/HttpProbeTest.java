package dev.slipway.verify.domain;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HttpProbeTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private HttpServer server;
    private final HttpProbe probe = new HttpProbe(Duration.ofMillis(300));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/hangs", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void expectedStatusPasses() throws Exception {
        ProbeOutcome outcome = probe.get(url("/ok"), 200);

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.error()).isNull();
    }

    @Test
    void otherStatusFailsNamingBoth() throws Exception {
        ProbeOutcome outcome = probe.get(url("/down"), 200);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.error()).isEqualTo("expected status 200, got 503");
    }

    @Test
    void noAnswerWithinTheTimeoutTimesOut() throws Exception {
        ProbeOutcome outcome = probe.get(url("/hangs"), 200);

        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).isEqualTo("timed out after 0.3 s");
        assertThat(outcome.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void closedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ProbeOutcome outcome = probe.get("http://127.0.0.1:" + port + "/", 200);

        assertThat(outcome.status()).isNull();
        assertThat(outcome.error()).isEqualTo("connection refused");
    }

    @Test
    void malformedUrlIsNamed() throws Exception {
        assertThat(probe.get("ftp://example.org/health", 200).error()).startsWith("invalid URL");
    }

    @Test
    void secondsAreWrittenWithoutTrailingZeros() {
        assertThat(HttpProbe.seconds(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(HttpProbe.seconds(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}

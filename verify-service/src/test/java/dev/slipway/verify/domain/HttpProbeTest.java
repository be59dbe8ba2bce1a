package dev.slipway.verify.domain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** FR-006: one attempt of a health check against a real HTTP server. */
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
        server.createContext("/page", exchange -> answer(exchange, 200, "<!doctype html><title>Shop</title>"));
        server.createContext("/degraded", exchange -> answer(exchange, 503,
                "{\"status\":\"degraded\",\"db\":\"connection refused\"}"));
        server.createContext("/large", exchange -> answer(exchange, 200, "a".repeat(1_000_000)));
        server.createContext("/malformed", exchange -> {
            byte[] body = {'o', 'k', (byte) 0xff, '!'};
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, never ends
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
                while (release.getCount() > 0) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException e) {
                // the probe stopped reading and closed the connection
            }
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        assertThat(outcome.output()).isEmpty();
    }

    @Test
    void answersBodyIsTheOutput() throws Exception {
        assertThat(probe.get(url("/page"), 200).output()).isEqualTo("<!doctype html><title>Shop</title>");
    }

    @Test
    void failingAnswersBodyIsTheOutputToo() throws Exception {
        ProbeOutcome outcome = probe.get(url("/degraded"), 200);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.output()).isEqualTo("{\"status\":\"degraded\",\"db\":\"connection refused\"}");
    }

    @Test
    void outputIsTheFirst2000Characters() throws Exception {
        ProbeOutcome outcome = probe.get(url("/large"), 200);

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.output()).isEqualTo("a".repeat(2_000));
    }

    @Test
    void endlessBodyIsReadOnlyAsFarAsTheOutputNeeds() throws Exception {
        ProbeOutcome outcome = probe.get(url("/endless"), 200);

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.output()).isEqualTo("x".repeat(2_000));
    }

    @Test
    void bodyThatStallsWithinTheTimeoutTimesOut() throws Exception {
        ProbeOutcome outcome = probe.get(url("/stalls"), 200);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.error()).isEqualTo("timed out after 0.3 s");
        assertThat(outcome.output()).isNull();
    }

    @Test
    void malformedUtf8IsReplaced() throws Exception {
        assertThat(probe.get(url("/malformed"), 200).output()).isEqualTo("ok\uFFFD!");
    }

    @Test
    void outputIsCutAtWholeCharacters() {
        // 3 bytes each: 2,667 of them fill the bytes read, and the last may be cut in half
        assertThat(HttpProbe.output(Arrays.copyOf("€".repeat(3_000).getBytes(StandardCharsets.UTF_8),
                HttpProbe.MAX_OUTPUT_BYTES))).isEqualTo("€".repeat(2_000));
        // never half of a surrogate pair at the end
        String cut = HttpProbe.output(("a" + "😀".repeat(1_500)).getBytes(StandardCharsets.UTF_8));
        assertThat(cut).isEqualTo("a" + "😀".repeat(999)).hasSize(1_999);
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
        assertThat(outcome.output()).isNull();
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
        assertThat(outcome.output()).isNull();
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

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}

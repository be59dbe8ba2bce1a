package dev.slipway.deploy;

import dev.slipway.events.EventType;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site server never answers with a file outside the live site, whatever the request path. Requests are
 * written on a raw socket so that no client normalises or re-encodes the path before it reaches the server.
 */
@QuarkusTest
class SiteTraversalTest {
    static final String APP = "deploy-traversal";
    static final String SECRET = "TOP-SECRET-" + Builds.commit();

    @BeforeAll
    static void deployAndPlantSecrets() throws IOException {
        try (EventProbe probe = EventProbe.start()) {
            probe.publish(Builds.ofSite(APP, Builds.commit(), 1, "public page"));
            probe.await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(APP), Duration.ofSeconds(60));
        }
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("slipway.deploy.data-dir", String.class));
        Path environment = dataDir.resolve("sites").resolve(APP).resolve("production");
        Files.writeString(dataDir.resolve("secret.txt"), SECRET);
        Files.writeString(environment.resolve("secret.txt"), SECRET);
        Files.writeString(environment.resolve("releases/1/secret.txt"), SECRET);
    }

    @Test
    void theRawClientReachesTheSite() throws IOException {
        String answer = get("/sites/" + APP + "/production/index.html");

        assertThat(answer).startsWith("HTTP/1.1 200").contains("public page");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/sites/deploy-traversal/production/../secret.txt",
            "/sites/deploy-traversal/production/../../../../secret.txt",
            "/sites/deploy-traversal/production/%2e%2e/secret.txt",
            "/sites/deploy-traversal/production/%2e%2e%2fsecret.txt",
            "/sites/deploy-traversal/production/..%2fsecret.txt",
            "/sites/deploy-traversal/production/..%2f..%2f..%2f..%2fsecret.txt",
            "/sites/deploy-traversal/production/assets/..%2f..%2fsecret.txt",
            "/sites/deploy-traversal/production/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/sites/deploy-traversal/production/%252e%252e%252fsecret.txt",
            "/sites/deploy-traversal/production/..%5csecret.txt",
            "/sites/deploy-traversal/production/%2fsecret.txt",
            "/sites/deploy-traversal/production/..%00/secret.txt",
            "/sites/deploy-traversal/..%2fdeploy-traversal/production/secret.txt",
            "/sites/..%2f..%2f/production/secret.txt",
            "/sites/deploy-traversal/production/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    })
    void pathsLeavingTheSiteAreRefused(String path) throws IOException {
        String answer = get(path);

        assertThat(answer).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain(SECRET).doesNotContain("root:");
    }

    private static String get(String rawPath) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}

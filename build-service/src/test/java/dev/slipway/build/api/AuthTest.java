package dev.slipway.build.api;

import dev.slipway.build.domain.ArtifactStore;
import dev.slipway.build.domain.StoredArtifact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Builds and their logs (FR-014) are read with a viewer token; the artifact store answers deploy-service without
 * one, its digest being the capability (access controls on deployment triggers, SPEC "Security").
 */
@QuarkusTest
@TestProfile(AuthTest.TokensOn.class)
class AuthTest {
    static final Path TOKENS = Path.of("target/auth-test/tokens");
    static final String VIEWER = token("viewer");
    static final String DEPLOYER = token("deployer");
    static final String LEAVER = token("leaver");

    @Inject
    ArtifactStore store;

    @TempDir
    Path tmp;

    /** Authentication on, with a viewer, a deployer and a viewer whose token the last test revokes. */
    public static class TokensOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            writeTokens(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER), line("leaver", "viewer", LEAVER));
            return Map.of("slipway.auth.enabled", "true", "slipway.auth.tokens-file", TOKENS.toAbsolutePath().toString());
        }
    }

    /** A token of the real format, the same in every class loader (the profile and the test do not share one). */
    static String token(String seed) {
        return "slw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("build " + seed));
    }

    static String line(String name, String role, String token) {
        return name + " " + role + " sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeTokens(String... lines) {
        try {
            Files.createDirectories(TOKENS.getParent());
            Files.writeString(TOKENS, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void buildsAndLogsNeedAToken() {
        for (String path : new String[]{"/api/builds", "/api/builds/987654321", "/api/builds/987654321/log",
                "/api/builds/987654321/log?follow=true"}) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"slipway\"")
                    .body("error", containsString("send Authorization: Bearer <token>"));
            as("slw_" + "x".repeat(43)).get(path).then().statusCode(401);
        }
    }

    @Test
    void aViewerReadsBuildsAndFollowsLogs() {
        as(VIEWER).get("/api/builds").then().statusCode(200);
        as(VIEWER).get("/api/builds/987654321").then().statusCode(404);
        as(VIEWER).get("/api/builds/987654321/log").then().statusCode(404);
        as(VIEWER).get("/api/builds/987654321/log?follow=true").then().statusCode(404);
        as(DEPLOYER).get("/api/builds").then().statusCode(200);
    }

    @Test
    void artifactsAndHealthNeedNoToken() throws Exception {
        Files.writeString(tmp.resolve("index.html"), "<h1>auth</h1>");
        StoredArtifact artifact = store.store(tmp, tmp);

        given().get("/api/artifacts/{digest}", artifact.digest().toString()).then().statusCode(200)
                .header("ETag", "\"" + artifact.digest() + "\"");
        given().get("/api/artifacts/{digest}", "sha256:" + "0".repeat(64)).then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinASecond() {
        as(LEAVER).get("/api/builds").then().statusCode(200);

        writeTokens(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/builds").statusCode() == 401);
        as(VIEWER).get("/api/builds").then().statusCode(200);
    }
}

package dev.slipway.notify.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

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
 * Deliveries and incident reports are read with a viewer token (access controls on deployment triggers, SPEC
 * "Security"; FR-007).
 */
@QuarkusTest
@TestProfile(AuthTest.TokensOn.class)
class AuthTest {
    static final Path TOKENS = Path.of("target/auth-test/tokens");
    static final String VIEWER = token("viewer");
    static final String DEPLOYER = token("deployer");
    static final String LEAVER = token("leaver");

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
        return "slw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("notify " + seed));
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
    void withoutAKnownTokenTheApiAnswers401WithAChallenge() {
        for (String path : new String[]{"/api/deliveries", "/api/incidents", "/api/incidents?app=auth-app", "/api/incidents/987654321"}) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"slipway\"")
                    .body("error", containsString("send Authorization: Bearer <token>"));
            as("slw_" + "x".repeat(43)).get(path).then().statusCode(401);
        }
    }

    @Test
    void viewersAndDeployersRead() {
        as(VIEWER).get("/api/deliveries").then().statusCode(200);
        as(VIEWER).get("/api/incidents").then().statusCode(200);
        as(VIEWER).get("/api/incidents?app=auth-app").then().statusCode(200);
        as(VIEWER).get("/api/incidents/987654321").then().statusCode(404);
        as(DEPLOYER).get("/api/deliveries").then().statusCode(200);
    }

    @Test
    void theApiIsReadOnlyAndHealthNeedsNoToken() {
        as(DEPLOYER).post("/api/incidents").then().statusCode(405);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinASecond() {
        as(LEAVER).get("/api/deliveries").then().statusCode(200);

        writeTokens(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/deliveries").statusCode() == 401);
        as(VIEWER).get("/api/deliveries").then().statusCode(200);
    }
}

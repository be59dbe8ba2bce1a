package dev.slipway.verify.api;

import dev.slipway.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.slipway.testsupport.TestTokens.DEPLOYER;
import static dev.slipway.testsupport.TestTokens.LEAVER;
import static dev.slipway.testsupport.TestTokens.VIEWER;
import static dev.slipway.testsupport.TestTokens.line;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Health-check runs (FR-006) are read with a viewer token (access controls on deployment triggers, SPEC
 * "Security").
 */
@QuarkusTest
@TestProfile(TestTokens.AuthOn.class)
class AuthTest {
    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void withoutAKnownTokenTheApiAnswers401WithAChallenge() {
        for (String path : new String[]{"/api/health-runs", "/api/health-runs?app=auth-app&environment=production", "/api/health-runs?limit=0"}) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"slipway\"")
                    .body("error", containsString("send Authorization: Bearer <token>"));
            as("slw_" + "x".repeat(43)).get(path).then().statusCode(401);
        }
    }

    @Test
    void viewersAndDeployersRead() {
        as(VIEWER).get("/api/health-runs").then().statusCode(200);
        as(VIEWER).get("/api/health-runs?app=auth-app&environment=production").then().statusCode(200);
        as(VIEWER).get("/api/health-runs?limit=0").then().statusCode(400);
        as(DEPLOYER).get("/api/health-runs").then().statusCode(200);
    }

    @Test
    void theApiIsReadOnlyAndHealthNeedsNoToken() {
        as(DEPLOYER).post("/api/health-runs").then().statusCode(405);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinASecond() {
        as(LEAVER).get("/api/health-runs").then().statusCode(200);

        TestTokens.write(List.of(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER)));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/health-runs").statusCode() == 401);
        as(VIEWER).get("/api/health-runs").then().statusCode(200);
    }
}

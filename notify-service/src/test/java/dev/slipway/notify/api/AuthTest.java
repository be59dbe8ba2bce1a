package dev.slipway.notify.api;

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
 * Deliveries and incident reports are read with a viewer token (access controls on deployment triggers, SPEC
 * "Security"; FR-007).
 */
@QuarkusTest
@TestProfile(TestTokens.AuthOn.class)
class AuthTest {
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

        TestTokens.write(List.of(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER)));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/deliveries").statusCode() == 401);
        as(VIEWER).get("/api/deliveries").then().statusCode(200);
    }
}

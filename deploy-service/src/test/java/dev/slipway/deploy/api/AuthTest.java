package dev.slipway.deploy.api;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Viewers read environments, deployments, rollbacks and secret names; only deployers resume a pinned environment
 * or set and delete secrets (access controls on deployment triggers, SPEC "Security"; FR-008, FR-009).
 */
@QuarkusTest
@TestProfile(TestTokens.AuthOn.class)
class AuthTest {
    private static final String SECRETS = "/api/apps/auth-app/environments/production/secrets";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void withoutAKnownTokenTheApiAnswers401WithAChallenge() {
        given().get("/api/apps/auth-app/environments").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"slipway\"")
                .body("error", containsString("send Authorization: Bearer <token>"));
        as("slw_" + "x".repeat(43)).get("/api/apps/auth-app/deployments").then().statusCode(401);
        given().post("/api/apps/auth-app/environments/production/resume").then().statusCode(401);
        given().contentType("text/plain").body("x").put(SECRETS + "/API_KEY").then().statusCode(401);
    }

    @Test
    void aViewerReadsButNeitherResumesNorTouchesSecrets() {
        as(VIEWER).get("/api/apps/auth-unknown/environments").then().statusCode(404);
        as(VIEWER).get("/api/apps/auth-unknown/rollbacks").then().statusCode(404);
        as(VIEWER).get(SECRETS).then().statusCode(200);
        as(VIEWER).post("/api/apps/auth-app/environments/production/resume").then().statusCode(403)
                .body("error", equalTo("token 'ci' has role viewer; this needs deployer"));
        as(VIEWER).contentType("text/plain").body("sk_test_viewer").put(SECRETS + "/API_KEY").then().statusCode(403);
        as(VIEWER).delete(SECRETS + "/API_KEY").then().statusCode(403);
    }

    @Test
    void aDeployerSetsAndDeletesSecretsAndResumes() {
        as(DEPLOYER).contentType("text/plain").body("sk_test_deployer").put(SECRETS + "/DEPLOYER_KEY").then()
                .statusCode(200).body("name", equalTo("DEPLOYER_KEY"));
        as(DEPLOYER).get(SECRETS).then().statusCode(200).body("name", hasItem("DEPLOYER_KEY"));
        as(DEPLOYER).delete(SECRETS + "/DEPLOYER_KEY").then().statusCode(204);
        as(DEPLOYER).post("/api/apps/auth-app/environments/production/resume").then().statusCode(409)
                .body("error", containsString("is not pinned"));
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinASecond() {
        as(LEAVER).get(SECRETS).then().statusCode(200);

        TestTokens.write(List.of(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER)));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get(SECRETS).statusCode() == 401);
        as(DEPLOYER).get(SECRETS).then().statusCode(200);
    }
}

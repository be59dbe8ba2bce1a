package dev.slipway.ingest.api;

import dev.slipway.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.slipway.testsupport.TestTokens.DEPLOYER;
import static dev.slipway.testsupport.TestTokens.LEAVER;
import static dev.slipway.testsupport.TestTokens.VIEWER;
import static dev.slipway.testsupport.TestTokens.line;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ops API needs a token, the webhook does not (access controls on deployment triggers, SPEC "Security"):
 * registering and removing repositories takes a deployer, reading them a viewer; GitHub's deliveries are
 * authenticated by their signature alone.
 */
@QuarkusTest
@TestProfile(TestTokens.AuthOn.class)
class AuthTest {
    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static Map<String, String> repository(String fullName) {
        return Map.of("fullName", fullName, "cloneUrl", "https://github.com/" + fullName + ".git", "secret", "s3cret-auth");
    }

    @Test
    void withoutAKnownTokenTheApiAnswers401WithAChallenge() {
        given().get("/api/repositories").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"slipway\"")
                .body("error", containsString("send Authorization: Bearer <token>"));
        as("slw_" + "x".repeat(43)).get("/api/repositories").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"slipway\"");
        given().contentType("application/json").body(repository("auth/nobody")).post("/api/repositories")
                .then().statusCode(401);
    }

    @Test
    void aViewerReadsButRegistersAndRemovesNothing() {
        as(VIEWER).get("/api/repositories").then().statusCode(200);
        as(VIEWER).get("/api/repositories/auth/not-there").then().statusCode(404);
        as(VIEWER).contentType("application/json").body(repository("auth/viewer")).post("/api/repositories")
                .then().statusCode(403).body("error", equalTo("token 'ci' has role viewer; this needs deployer"));
        as(VIEWER).delete("/api/repositories/auth/viewer").then().statusCode(403);
    }

    @Test
    void aDeployerRegistersAndRemoves() {
        as(DEPLOYER).contentType("application/json").body(repository("auth/deployer")).post("/api/repositories")
                .then().statusCode(201);
        as(DEPLOYER).get("/api/repositories/auth/deployer").then().statusCode(200);
        as(DEPLOYER).delete("/api/repositories/auth/deployer").then().statusCode(204);
    }

    @Test
    void webhooksAndHealthNeedNoToken() {
        as(DEPLOYER).contentType("application/json").body(repository("auth/hooked")).post("/api/repositories")
                .then().statusCode(201);

        Deliveries.sendSigned("ping", Deliveries.newDeliveryId(), Deliveries.example(Deliveries.PING, "auth/hooked"),
                "s3cret-auth").statusCode(200).body("status", equalTo("pong"));
        Deliveries.send("ping", Deliveries.newDeliveryId(), Deliveries.bytes(Deliveries.example(Deliveries.PING,
                "auth/hooked")), null).statusCode(401).body("error", containsString("X-Hub-Signature-256"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRevokedTokenStopsWorkingWithinASecond() {
        as(LEAVER).get("/api/repositories").then().statusCode(200);

        TestTokens.write(List.of(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER)));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/repositories").statusCode() == 401);
        as(DEPLOYER).get("/api/repositories").then().statusCode(200);
    }
}

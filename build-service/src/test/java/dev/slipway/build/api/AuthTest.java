package dev.slipway.build.api;

import dev.slipway.testsupport.TestTokens;
import dev.slipway.build.domain.ArtifactStore;
import dev.slipway.build.domain.StoredArtifact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * Builds and their logs (FR-014) are read with a viewer token; the artifact store answers deploy-service without
 * one, its digest being the capability (access controls on deployment triggers, SPEC "Security").
 */
@QuarkusTest
@TestProfile(TestTokens.AuthOn.class)
class AuthTest {
    @Inject
    ArtifactStore store;

    @TempDir
    Path tmp;

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

        TestTokens.write(List.of(line("ci", "viewer", VIEWER), line("alice", "deployer", DEPLOYER)));

        await().atMost(Duration.ofSeconds(2)).until(() -> as(LEAVER).get("/api/builds").statusCode() == 401);
        as(VIEWER).get("/api/builds").then().statusCode(200);
    }
}

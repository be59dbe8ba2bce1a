package dev.slipway.ingest.api;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Registering repositories; their webhook secrets are sealed at rest and never answered or logged (FR-009). */
@QuarkusTest
class RepositoryApiTest {
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final PatternFormatter message = new PatternFormatter("%s%e");

        @Override
        public void publish(LogRecord record) {
            logged.add(message.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static ExtractableResponse<Response> post(Map<String, ?> body) {
        return given().contentType("application/json").body(body).post("/api/repositories").then().extract();
    }

    @Test
    void registerUpdateReadAndDeleteWithoutEverAnsweringTheSecret() {
        String secret = "api-secret-7f3a9c";
        String updatedSecret = "api-secret-updated-1b2c";
        String cloneUrl = "https://github.com/Octo/Api-Crud.git";

        ExtractableResponse<Response> created = post(Map.of("fullName", "Octo/Api-Crud", "cloneUrl", cloneUrl, "secret", secret));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/repositories/Octo/Api-Crud");
        assertThat(created.jsonPath().getString("fullName")).isEqualTo("Octo/Api-Crud");
        assertThat(created.jsonPath().getString("cloneUrl")).isEqualTo(cloneUrl);

        ExtractableResponse<Response> updated = post(Map.of("fullName", "octo/api-crud",
                "cloneUrl", "git@github.com:Octo/Api-Crud.git", "secret", updatedSecret));
        assertThat(updated.statusCode()).as("same repository, other casing").isEqualTo(200);
        assertThat(updated.jsonPath().getString("fullName")).isEqualTo("Octo/Api-Crud");

        String list = given().get("/api/repositories").then().statusCode(200)
                .body("fullName", hasItem("Octo/Api-Crud")).extract().asString();
        String one = given().get("/api/repositories/Octo/Api-Crud").then().statusCode(200)
                .body("cloneUrl", equalTo("git@github.com:Octo/Api-Crud.git")).extract().asString();
        for (String answer : List.of(created.asString(), updated.asString(), list, one)) {
            assertThat(answer).doesNotContain(secret).doesNotContain(updatedSecret).doesNotContainIgnoringCase("secret");
        }
        assertThat(String.join("\n", logged)).contains("Octo/Api-Crud")
                .doesNotContain(secret).doesNotContain(updatedSecret);

        given().delete("/api/repositories/Octo/Api-Crud").then().statusCode(204);
        given().get("/api/repositories/Octo/Api-Crud").then().statusCode(404)
                .body("error", equalTo("repository 'Octo/Api-Crud' is not registered"));
        given().delete("/api/repositories/Octo/Api-Crud").then().statusCode(404);
        given().get("/api/repositories").then().body("fullName", not(hasItem("Octo/Api-Crud")));
    }

    @Test
    void secretColumnHoldsSealedBytesNotTheSecret() {
        String secret = "column-secret-5d6e";
        post(Map.of("fullName", "Octo/Sealed-One", "cloneUrl", "file:///tmp/sealed-one.git", "secret", secret));
        post(Map.of("fullName", "Octo/Sealed-Two", "cloneUrl", "file:///tmp/sealed-two.git", "secret", secret));

        List<?> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                "select secret_sealed from {h-schema}repository where full_name in ('Octo/Sealed-One', 'Octo/Sealed-Two')")
                .getResultList());

        assertThat(rows).hasSize(2);
        byte[] one = (byte[]) rows.get(0);
        byte[] two = (byte[]) rows.get(1);
        assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain("column-secret");
        assertThat(one).hasSize(12 + secret.length() + 16);
        assertThat(one).as("random IV per secret").isNotEqualTo(two);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        post400(Map.of("cloneUrl", "file:///tmp/x.git", "secret", "s"), "fullName", "fullName is required");
        post400(Map.of("fullName", "just-a-name", "cloneUrl", "file:///tmp/x.git", "secret", "s"), "fullName",
                "fullName must be GitHub's 'owner/repo', got 'just-a-name'");
        post400(Map.of("fullName", "o/r", "secret", "s"), "cloneUrl", "cloneUrl is required");
        post400(Map.of("fullName", "o/r", "cloneUrl", "http://example.com/o/r.git", "secret", "s"), "cloneUrl",
                "cloneUrl must be an https://, ssh://, git@host:path or file: URL");
        post400(Map.of("fullName", "o/r", "cloneUrl", "file:///tmp/x.git"), "secret", "secret is required");
        post400(Map.of("fullName", "o/r", "cloneUrl", "file:///tmp/x.git", "secret", ""), "secret", "secret is required");

        String leaked = "https://x-access-token:ghp_leak123@github.com/o/r.git";
        String answer = post400(Map.of("fullName", "o/r", "cloneUrl", leaked, "secret", "s"), "cloneUrl",
                "must not carry credentials");
        assertThat(answer).doesNotContain("ghp_leak123");

        given().contentType("application/json").body("{\"fullName\": \"o/r\", \"secret\": unquoted-secret-9}")
                .post("/api/repositories").then().statusCode(400)
                .body("field", equalTo("body"))
                .body("error", containsString("not a JSON object"))
                .body("error", not(containsString("unquoted-secret-9")));
        given().get("/api/repositories").then().body("fullName", not(hasItem("o/r")));
    }

    private static String post400(Map<String, ?> body, String field, String message) {
        return given().contentType("application/json").body(body).post("/api/repositories").then()
                .statusCode(400).body("field", equalTo(field)).body("error", containsString(message))
                .extract().asString();
    }

    @Test
    void webhookSecretIsNeitherAnsweredNorLoggedWhenDeliveriesArrive() {
        String secret = "delivery-secret-4e5f";
        post(Map.of("fullName", "Octo/Quiet", "cloneUrl", "file:///tmp/quiet-does-not-exist.git", "secret", secret));
        byte[] body = Deliveries.bytes(Deliveries.push("Octo/Quiet", "main", "1".repeat(40)));

        String wrong = Deliveries.send("push", Deliveries.newDeliveryId(), body, Deliveries.sign(body, "other"))
                .statusCode(401).extract().asString();
        String failed = Deliveries.send("push", Deliveries.newDeliveryId(), body, Deliveries.sign(body, secret))
                .statusCode(502).extract().asString();

        assertThat(wrong).doesNotContain(secret);
        assertThat(failed).doesNotContain(secret);
        assertThat(String.join("\n", logged)).contains("Octo/Quiet").doesNotContain(secret);
    }
}

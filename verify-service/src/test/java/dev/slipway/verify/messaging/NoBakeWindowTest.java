package dev.slipway.verify.messaging;

import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.slipway.verify.messaging.TestEvents.awaitResult;
import static dev.slipway.verify.messaging.TestEvents.deploySucceeded;
import static dev.slipway.verify.messaging.TestSite.answer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** FR-006 with {@code slipway.verify.bake-window=0s}: the first passing check passes the release, as before bake windows. */
@QuarkusTest
@TestProfile(NoBakeWindowTest.NoBakeWindow.class)
class NoBakeWindowTest {
    static EventProbe events;
    static TestSite site;

    public static class NoBakeWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("slipway.verify.bake-window", "0s");
        }
    }

    @BeforeAll
    static void start() {
        events = EventProbe.start();
        site = TestSite.start();
    }

    @AfterAll
    static void stop() {
        site.close();
        events.close();
    }

    @Test
    void firstPassingCheckPassesTheRelease() {
        AtomicInteger calls = new AtomicInteger();
        Envelope<DeploySucceeded> deployed = deploySucceeded("verify-no-bake", 1, new ComponentCheck("web",
                site.serve("/no-bake", exchange -> {
                    calls.incrementAndGet();
                    answer(exchange, 200, "ok");
                }), 200));

        events.publish(deployed);

        Envelope<?> result = awaitResult(events, deployed);
        assertThat(result.type()).isEqualTo(EventType.HEALTH_PASSED);
        assertThat(calls.get()).isEqualTo(1);
        given().queryParam("app", "verify-no-bake").get("/api/health-runs").then().statusCode(200)
                .body("[0].status", is("PASSED"))
                .body("[0].checksRun", is(1))
                .body("[0].checks[0].output", is("ok"));
    }
}

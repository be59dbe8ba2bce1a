package dev.slipway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {

    @Test
    void showsLiveVersionAndAFailedLatestAttempt() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8083/sites/shop/production/",
                  "live":{"version":3,"commitSha":"9049f1265b7d61be4a8904a9a27120d2064dab3b","status":"SUCCEEDED","health":"PASSED"},
                  "latest":{"version":4,"commitSha":"aaaaaaa","status":"FAILED","health":null,"reason":"artifact missing"}},
                 {"environment":"staging","url":"http://127.0.0.1:8083/sites/shop/staging/","live":null,"latest":null}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("production").contains("v3").contains("9049f12")
                .contains("succeeded (health passed)").contains("latest v4 failed: artifact missing")
                .contains("http://127.0.0.1:8083/sites/shop/production/");
        assertThat(out).containsPattern("staging\\s+-\\s+-\\s+never deployed");
    }

    @Test
    void showsWhatIsDeployingAndWhatWaits() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8083/sites/shop/production/",
                  "live":{"version":1,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED"},
                  "latest":{"version":3,"commitSha":"ccccccc","status":"REQUESTED","health":null,"reason":null},
                  "running":{"version":2,"commitSha":"bbbbbbb","status":"DEPLOYING","health":null,"reason":null},
                  "queued":[{"version":3,"commitSha":"ccccccc","status":"REQUESTED","health":null,"reason":null}]}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("v1").contains("succeeded (health passed), deploying v2, waiting v3")
                .doesNotContain("latest v3");
    }

    @Test
    void showsAPinAndWhy() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8083/sites/shop/production/",
                  "live":{"version":1,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED"},
                  "latest":null,"running":null,"queued":[],
                  "pinned":{"since":"2026-11-26T11:01:00Z","reason":"rolled back from v2 to v1: checkout broken (by alice)"}}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("succeeded (health passed), PINNED: rolled back from v2 to v1: checkout broken (by alice)");
    }
}

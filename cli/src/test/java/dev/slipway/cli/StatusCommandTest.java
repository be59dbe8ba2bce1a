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
                [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
                  "live":{"version":3,"commitSha":"9049f1265b7d61be4a8904a9a27120d2064dab3b","status":"SUCCEEDED","health":"PASSED"},
                  "latest":{"version":4,"commitSha":"aaaaaaa","status":"FAILED","health":null,"reason":"artifact missing"}},
                 {"environment":"staging","url":"http://127.0.0.1:8088/shop/staging/","live":null,"latest":null}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("production").contains("v3").contains("9049f12")
                .contains("succeeded (health passed)").contains("latest v4 failed: artifact missing")
                .contains("http://127.0.0.1:8088/shop/production/");
        assertThat(out).containsPattern("staging\\s+-\\s+-\\s+never deployed");
    }

    @Test
    void showsWhatIsDeployingAndWhatWaits() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
                  "live":{"version":1,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED"},
                  "latest":{"version":3,"commitSha":"ccccccc","status":"REQUESTED","health":null,"reason":null},
                  "running":{"version":2,"commitSha":"bbbbbbb","status":"DEPLOYING","health":null,"reason":null},
                  "queued":[{"version":3,"commitSha":"ccccccc","status":"REQUESTED","health":null,"reason":null}]}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("v1").contains("succeeded (health passed), deploying v2, queued v3")
                .doesNotContain("latest v3");
    }

    @Test
    void showsAPinAndWhy() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
                  "live":{"version":1,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED"},
                  "latest":null,"running":null,"queued":[],
                  "pinned":{"since":"2026-11-26T11:01:00Z","reason":"rolled back from v2 to v1: checkout broken (by alice)"}}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("succeeded (health passed), PINNED: rolled back from v2 to v1: checkout broken (by alice)");
    }

    @Test
    void showsWhatWaitsForARuleAndWhyWhatItRequiresAndWhatTriggeredTheReleases() throws Exception {
        String json = """
                [{"environment":"production","url":"http://127.0.0.1:8088/shop/production/",
                  "live":{"version":2,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED",
                          "trigger":"promoted from staging v4 by alice: release 2026.11"},
                  "latest":{"version":4,"commitSha":"abc1234ffff","status":"WAITING","health":null,
                            "reason":"production requires staging: commit abc1234 has not passed staging yet"},
                  "running":{"version":3,"commitSha":"bbbbbbb","status":"DEPLOYING","health":null,"reason":null,
                             "trigger":"push to main by bob"},
                  "queued":[],
                  "waiting":[{"version":4,"commitSha":"abc1234ffff","status":"WAITING","health":null,
                              "reason":"production requires staging: commit abc1234 has not passed staging yet",
                              "trigger":"push to main by carol"}],
                  "pinned":null,"requires":["staging"],"preview":false,"tornDown":null}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("succeeded (health passed), deploying v3").doesNotContain("latest v4")
                .containsPattern("\n {15}live: v2, promoted from staging v4 by alice: release 2026.11\n")
                .contains("deploying: v3, push to main by bob")
                .contains("waiting: v4 (production requires staging: commit abc1234 has not passed staging yet)")
                .contains("requires: staging");
    }

    @Test
    void marksPreviewAndTornDownEnvironments() throws Exception {
        String json = """
                [{"environment":"preview-feature-x","url":"http://127.0.0.1:8088/shop/preview-feature-x/",
                  "live":{"version":1,"commitSha":"cccccccdddd","status":"SUCCEEDED","health":"PASSED",
                          "trigger":"push to feature/x by dana"},
                  "latest":null,"running":null,"queued":[],"waiting":[],"pinned":null,"requires":[],
                  "preview":true,"tornDown":null},
                 {"environment":"preview-old","url":"http://127.0.0.1:8088/shop/preview-old/",
                  "live":{"version":2,"commitSha":"eeeeeeefff","status":"SUCCEEDED","health":"PASSED"},
                  "latest":null,"running":null,"queued":[],"waiting":[],"pinned":null,"requires":[],
                  "preview":true,"tornDown":{"at":"2026-11-26T12:00:00Z","reason":"branch old was deleted"}}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StatusCommand.print("shop", new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[2]).startsWith("  preview-feature-x").contains("preview, succeeded (health passed)")
                .endsWith("http://127.0.0.1:8088/shop/preview-feature-x/");
        assertThat(lines[3]).contains("live: v1, push to feature/x by dana");
        assertThat(lines[4]).startsWith("  preview-old")
                .contains("preview, TORN DOWN 2026-11-26T12:00:00Z: branch old was deleted")
                .doesNotContain("http://").endsWith("-");
    }
}

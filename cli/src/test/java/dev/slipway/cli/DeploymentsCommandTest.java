package dev.slipway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentsCommandTest {

    @Test
    void listsVersionsWithCommitStatusHealthTimingAndReason() throws Exception {
        String json = """
                [{"environment":"production","version":2,"commitSha":"aaaaaaabbbbbbb","status":"FAILED","health":null,
                  "reason":"component web: artifact not found","requestedAt":"2026-11-26T10:00:00Z",
                  "startedAt":"2026-11-26T10:00:01Z","finishedAt":"2026-11-26T10:00:01.500Z",
                  "trigger":"push to main by bob","slot":"green"},
                 {"environment":"production","version":1,"commitSha":"9049f1265b7d61be","status":"SUCCEEDED","health":"PASSED",
                  "reason":null,"requestedAt":"2026-11-26T09:00:00Z","startedAt":"2026-11-26T09:00:00Z",
                  "finishedAt":"2026-11-26T09:00:02.250Z","trigger":"promoted from staging v4 by alice","slot":"blue"}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        DeploymentsCommand.print(new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ENVIRONMENT").contains("VERSION").contains("SLOT").contains("TOOK").contains("TRIGGER");
        assertThat(lines[1]).contains("v2").contains("aaaaaaa").doesNotContain("aaaaaaab").contains("failed")
                .contains("0.5 s").contains("green").contains("push to main by bob")
                .endsWith("component web: artifact not found");
        assertThat(lines[2]).contains("v1").contains("9049f12").contains("succeeded").contains("passed").contains("2.3 s")
                .contains("blue").endsWith("promoted from staging v4 by alice");
    }
}

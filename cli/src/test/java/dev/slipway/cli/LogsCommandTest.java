package dev.slipway.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogsCommandTest {

    @Test
    void printsStepsAndLinesAndReturnsTheFinalStatus() throws Exception {
        String stream = "event: step\ndata: web test\n\ndata: # tests 4\n\ndata: # pass 4\n\n"
                + "event: step\ndata: web build\n\ndata: built dist/\n\nevent: end\ndata: SUCCEEDED\n\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        String status = LogsCommand.printEvents(new BufferedReader(new StringReader(stream)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo("SUCCEEDED");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "=== web test ===\n# tests 4\n# pass 4\n=== web build ===\nbuilt dist/\n=== build succeeded ===\n");
    }

    @Test
    void aStreamThatBreaksOffHasNoStatus() throws Exception {
        String status = LogsCommand.printEvents(new BufferedReader(new StringReader("data: half\n")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isNull();
    }
}

package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingLogTest {

    @TempDir
    Path dir;

    @Test
    void handsOutWholeLinesAsTheyAreWritten() throws Exception {
        Path file = dir.resolve("step.log");
        GrowingLog log = new GrowingLog(file);
        assertThat(log.newLines()).isEmpty();

        // a line cut in the middle of a character waits for the rest of it
        Files.write(file, new byte[] {'o', 'n', 'e', '\n', 'g', 'r', (byte) 0xc3});
        assertThat(log.newLines()).isEqualTo("one\n");
        assertThat(log.newLines()).isEmpty();
        Files.write(file, new byte[] {(byte) 0xbc, 'n', '\n', 't', 'w', 'o', '\n'}, StandardOpenOption.APPEND);
        assertThat(log.newLines()).isEqualTo("grün\ntwo\n");
    }

    @Test
    void handsOutNoMoreThanTheStoredLogKeeps() throws Exception {
        Path file = dir.resolve("step.log");
        String line = "x".repeat(99) + "\n";
        Files.writeString(file, line.repeat(20_000), StandardCharsets.UTF_8);
        GrowingLog log = new GrowingLog(file);

        String lines = log.newLines();

        assertThat(lines).endsWith("\n" + GrowingLog.CUT);
        String output = lines.substring(0, lines.length() - GrowingLog.CUT.length());
        assertThat(output.length()).isLessThanOrEqualTo(StepLog.MAX_BYTES);
        assertThat(output.replace(line, "")).isEmpty();
        Files.writeString(file, "more\n", StandardOpenOption.APPEND);
        assertThat(log.newLines()).isEmpty();
    }
}

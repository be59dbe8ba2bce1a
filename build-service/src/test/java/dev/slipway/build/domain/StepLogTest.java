package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StepLogTest {

    @TempDir
    Path dir;

    @Test
    void aHugeLogKeepsItsEndAndSaysWhatWasCut() throws Exception {
        Path file = dir.resolve("step.log");
        String line = "x".repeat(99) + "\n";
        Files.writeString(file, line.repeat(20_000) + "the error at the end\n");

        String log = StepLog.read(file);

        assertThat(log.length()).isLessThanOrEqualTo(StepLog.MAX_BYTES + 100);
        assertThat(log).startsWith("[the first ").contains("bytes of this log were cut]\n" + line).endsWith("the error at the end\n");
        assertThat(StepLog.tail(log, 2)).containsExactly(line.strip(), "the error at the end");
    }

    @Test
    void outputThatIsNotTextCanStillBeStored() throws Exception {
        Path file = Files.write(dir.resolve("binary.log"), new byte[] {'o', 'k', 0, (byte) 0xff, '\n'});

        assertThat(StepLog.read(file)).isEqualTo("ok\uFFFD\n");
        assertThat(StepLog.read(dir.resolve("never-written.log"))).isEmpty();
        assertThat(StepLog.tail("a\nb\n\n  \n", 20)).containsExactly("a", "b");
    }
}

package dev.slipway.build.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessRunnerTest {

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void capturesOutputAndExitCodeWithOnlyTheGivenEnvironment() throws Exception {
        Path log = dir.resolve("logs/step.log");
        ProcessRunner.Outcome outcome = runner.run(shell("echo out; echo err >&2; echo \"sha=$SLIPWAY_COMMIT_SHA home=${JAVA_HOME:-unset}\"; exit 3",
                Map.of("PATH", System.getenv("PATH"), "SLIPWAY_COMMIT_SHA", "abc"), Duration.ofSeconds(30), log), () -> false);

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(Files.readString(log)).contains("out\n", "err\n", "sha=abc home=unset");
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path log = dir.resolve("step.log");
        Path pid = dir.resolve("grandchild.pid");
        // a background grandchild that would outlive a plain kill of the shell
        ProcessRunner.Outcome outcome = runner.run(shell("sleep 300 & echo $! > " + pid + "; wait",
                Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(1), log), () -> false);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(20));
        long grandchild = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
        assertThat(Files.readString(log)).contains("[stopped after 1s: the timeout of this step]");
    }

    @Test
    void whatAStepStartsInTheBackgroundEndsWithIt() throws Exception {
        Path log = dir.resolve("step.log");
        Path pid = dir.resolve("server.pid");
        // like `node server.js & node --test`: the server would outlive the step that exits 0
        ProcessRunner.Outcome outcome = runner.run(shell("sleep 300 & echo $! > " + pid + "; echo tested",
                Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(30), log), () -> false);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.timedOut()).isFalse();
        long server = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(server).map(h -> !h.isAlive()).orElse(true));
        // the note names the process as /proc shows it: "sleep", or "sh" when the background job is caught
        // between fork and exec
        assertThat(Files.readString(log)).contains("tested\n")
                .containsPattern("\\[stopped 1 process the step left running: (sleep|sh)]");
    }

    @Test
    void aStepThatLeavesNothingRunningGetsNoNote() throws Exception {
        Path log = dir.resolve("step.log");
        runner.run(shell("echo done", Map.of("PATH", System.getenv("PATH")), Duration.ofSeconds(30), log), () -> false);

        assertThat(Files.readString(log)).endsWith("echo done\ndone\n");
    }

    private ProcessRunner.Command shell(String script, Map<String, String> env, Duration timeout, Path log) {
        return new ProcessRunner.Command(List.of("sh", "-c", script), script, dir, env, timeout, log);
    }
}

package dev.slipway.build.domain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The test and build stages: one {@code sh -c} command of a component, in its folder, within its timeout. */
public final class ShellStep {

    public record Input(String component, Step step, String command, Path directory, Map<String, String> environment,
                        Duration timeout, Path logFile) {
    }

    private final ProcessRunner runner;

    public ShellStep(ProcessRunner runner) {
        this.runner = runner;
    }

    public StageResult<Void> run(Input input, BooleanSupplier cancelled) throws IOException {
        ProcessRunner.Outcome outcome = runner.run(new ProcessRunner.Command(List.of("sh", "-c", input.command()),
                input.command(), input.directory(), input.environment(), input.timeout(), input.logFile()), cancelled);
        String log = StepLog.read(input.logFile());
        String what = input.step().id() + " of " + input.component();
        if (outcome.timedOut()) {
            return StageResult.failed(what + " exceeded its timeout of " + Durations.format(input.timeout())
                    + " and was stopped (raise 'timeout:' of " + input.component() + " if it needs longer)", log);
        }
        if (outcome.exitCode() != 0) {
            return new StageResult.Failed<>(what + " failed with exit code " + outcome.exitCode(), outcome.exitCode(), log);
        }
        return new StageResult.Succeeded<>(null, 0, log);
    }
}

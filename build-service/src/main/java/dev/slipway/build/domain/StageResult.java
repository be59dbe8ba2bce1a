package dev.slipway.build.domain;

/**
 * What one stage of a build reports once it is done: its value, or a reason a person can act on. While a
 * stage runs, its step is recorded as {@link StepStatus#RUNNING}.
 *
 * @param <T> what the stage hands to the next one
 */
public sealed interface StageResult<T> {

    /** The output of the step as it will be shown, secrets masked. */
    String log();

    /** The exit code of the step's process, null when no process ran to an end. */
    Integer exitCode();

    StepStatus status();

    record Succeeded<T>(T value, Integer exitCode, String log) implements StageResult<T> {
        @Override
        public StepStatus status() {
            return StepStatus.SUCCEEDED;
        }
    }

    /** @param summary the failure in a few words without the component's name; null when the reason will do */
    record Failed<T>(String reason, Integer exitCode, String log, String summary) implements StageResult<T> {
        public Failed(String reason, Integer exitCode, String log) {
            this(reason, exitCode, log, null);
        }

        @Override
        public StepStatus status() {
            return StepStatus.FAILED;
        }
    }

    static <T> StageResult<T> succeeded(T value, String log) {
        return new Succeeded<>(value, null, log);
    }

    static <T> StageResult<T> failed(String reason, String log) {
        return new Failed<>(reason, null, log);
    }
}

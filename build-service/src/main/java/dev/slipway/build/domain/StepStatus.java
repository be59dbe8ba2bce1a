package dev.slipway.build.domain;

/** The lifecycle of one step of a build. */
public enum StepStatus {
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}

package dev.slipway.build.domain;

/** The lifecycle of one step of a build. */
public enum StepStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Its build was cancelled while it ran: its processes were stopped. */
    CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}

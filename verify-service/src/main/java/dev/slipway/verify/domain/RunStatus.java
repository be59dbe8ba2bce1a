package dev.slipway.verify.domain;

/** Whether verify-service has done its work on a health-check run; what the checks found is {@link RunResult}. */
public enum RunStatus {
    PENDING,
    RUNNING,
    DONE;

    public boolean isTerminal() {
        return this == DONE;
    }
}

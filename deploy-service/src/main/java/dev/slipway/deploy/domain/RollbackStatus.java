package dev.slipway.deploy.domain;

/**
 * The lifecycle of one rollback: recorded, then run in its environment's lane. The switch is one atomic step,
 * so there is no state in between.
 */
public enum RollbackStatus {
    REQUESTED,
    COMPLETED,
    FAILED;

    public boolean isTerminal() {
        return this != REQUESTED;
    }
}

package dev.slipway.verify.domain;

/**
 * The lifecycle of one health-check run. It is CHECKING until its first check has concluded, then BAKING while
 * it checks again every bake interval until the bake window has passed; it ends PASSED (every check passed through
 * the window), FAILED (a check failed, at once) or SUPERSEDED (its release stopped being live before it ended: a
 * newer release went live, or a rollback started; nothing is emitted for it). What the checks found is also kept
 * as {@link RunResult}.
 */
public enum RunStatus {
    CHECKING,
    BAKING,
    PASSED,
    FAILED,
    SUPERSEDED;

    public boolean isTerminal() {
        return this == PASSED || this == FAILED || this == SUPERSEDED;
    }
}

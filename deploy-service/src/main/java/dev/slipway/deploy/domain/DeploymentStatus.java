package dev.slipway.deploy.domain;

/**
 * The lifecycle of one deployment: queued for its environment, being deployed, then live or not; or, while
 * still queued, superseded by a newer deployment of its environment and never deployed (latest wins).
 */
public enum DeploymentStatus {
    REQUESTED,
    DEPLOYING,
    SUCCEEDED,
    FAILED,
    SUPERSEDED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SUPERSEDED;
    }
}

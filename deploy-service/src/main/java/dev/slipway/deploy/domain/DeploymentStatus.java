package dev.slipway.deploy.domain;

/** The lifecycle of one deployment: queued for its environment, being deployed, then live or not. */
public enum DeploymentStatus {
    REQUESTED,
    DEPLOYING,
    SUCCEEDED,
    FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}

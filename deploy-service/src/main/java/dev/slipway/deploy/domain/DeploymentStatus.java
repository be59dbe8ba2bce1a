package dev.slipway.deploy.domain;

/**
 * The lifecycle of one deployment: waiting for a rule (e.g. production requires staging), queued for its
 * environment, being deployed, then live or not; or, while still waiting or queued, superseded by a newer
 * deployment of its environment and never deployed (latest wins).
 */
public enum DeploymentStatus {
    WAITING,
    REQUESTED,
    DEPLOYING,
    SUCCEEDED,
    FAILED,
    SUPERSEDED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SUPERSEDED;
    }
}

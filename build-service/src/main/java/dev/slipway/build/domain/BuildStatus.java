package dev.slipway.build.domain;

/** The lifecycle of one build job. */
public enum BuildStatus {
    /** Recorded from a push, waiting for a worker. */
    QUEUED,
    /** Claimed by a worker that keeps its heartbeat fresh. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Stopped, or never started, because a newer commit for the same preview environment replaced it. */
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}

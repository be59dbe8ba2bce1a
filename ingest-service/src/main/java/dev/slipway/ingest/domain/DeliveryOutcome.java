package dev.slipway.ingest.domain;

/** What became of a signed GitHub delivery. Every outcome is final: a delivery is handled once. */
public enum DeliveryOutcome {
    /** A push or an opened or updated pull request that started a run: PushReceived was emitted. */
    ACCEPTED,
    /**
     * The deletion of a branch or the closing of a pull request with a preview environment: BranchDeleted or
     * PullRequestClosed was emitted to tear it down.
     */
    TEARDOWN,
    /** A delivery that deploys nothing; the reason says why. */
    IGNORED,
    /** GitHub's ping when a webhook is created. */
    PING
}

package dev.slipway.ingest.domain;

/** What became of a signed GitHub delivery. Every outcome is final: a delivery is handled once. */
public enum DeliveryOutcome {
    /** A push that started a run: PushReceived was emitted. */
    ACCEPTED,
    /** The deletion of a branch with a preview environment: BranchDeleted was emitted to tear it down. */
    TEARDOWN,
    /** A delivery that deploys nothing; the reason says why. */
    IGNORED,
    /** GitHub's ping when a webhook is created. */
    PING
}

package dev.slipway.verify.messaging;

/** Fired when a run was recorded; observed after commit to wake the workers instead of waiting for their poll. */
public record RunRecorded(long runId) {
}

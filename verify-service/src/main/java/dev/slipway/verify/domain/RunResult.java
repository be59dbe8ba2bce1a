package dev.slipway.verify.domain;

/** What a finished health-check run found. A failed check is a result, not an error of the service. */
public enum RunResult {
    PASSED,
    FAILED
}

package dev.slipway.verify.domain;

/**
 * What a concluded health-check run found. A failed check is a result, not an error of the service. A superseded
 * run has no result: it never concluded.
 */
public enum RunResult {
    PASSED,
    FAILED
}

package dev.slipway.deploy.domain;

/** What verify-service found about a live deployment; a result, not a deployment status. */
public enum HealthResult {
    PASSED,
    FAILED
}

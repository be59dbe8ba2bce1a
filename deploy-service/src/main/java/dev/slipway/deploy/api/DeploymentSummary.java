package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.persistence.Deployment;

import java.time.OffsetDateTime;

/**
 * A deployment in an environment's overview.
 *
 * @param health     null until verify-service reported
 * @param reason     why it failed, was superseded or waits; null otherwise
 * @param trigger    what asked for it, e.g. {@code push to main (build #7)} or {@code promoted from staging v4 by bob}
 * @param deployedAt when it went live; null unless SUCCEEDED
 */
public record DeploymentSummary(long version, String commitSha, long buildNumber, DeploymentStatus status,
                                HealthResult health, String reason, String trigger, OffsetDateTime requestedAt,
                                OffsetDateTime deployedAt) {

    static DeploymentSummary of(Deployment d) {
        return new DeploymentSummary(d.version, d.commitSha, d.buildNumber, d.status, d.health, d.reason,
                d.trigger, d.requestedAt, d.status == DeploymentStatus.SUCCEEDED ? d.finishedAt : null);
    }
}

package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.persistence.Deployment;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A deployment in an app's history.
 *
 * @param triggeredBy the id of the BuildSucceeded event that caused it
 */
public record DeploymentView(String environment, long version, String commitSha, long buildNumber, String branch,
                             String target, DeploymentStatus status, HealthResult health, String healthSummary,
                             String reason, OffsetDateTime requestedAt, OffsetDateTime startedAt,
                             OffsetDateTime finishedAt, String triggeredBy, String correlationId,
                             List<Component> components) {

    public record Component(String name, String kind, String artifactDigest) {
    }

    static DeploymentView of(Deployment d) {
        return new DeploymentView(d.environmentName(), d.version, d.commitSha, d.buildNumber, d.branch, d.target,
                d.status, d.health, d.healthSummary, d.reason, d.requestedAt, d.startedAt, d.finishedAt,
                d.causeEventId, d.correlationId,
                d.components.stream().map(c -> new Component(c.name, c.kind.label(), c.artifactDigest)).toList());
    }
}

package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.Variables;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.persistence.Deployment;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A deployment in an app's history.
 *
 * @param trigger     what asked for it, e.g. {@code push to main (build #7)}
 * @param triggeredBy the id of the event that caused it (a BuildSucceeded or a PromoteRequested)
 * @param slot        the edge slot it ran in (blue or green); null before it started
 * @param variables   the names of the variables it runs with (values are in slipway.yml)
 * @param secrets     the names of the secrets it runs with; values never leave deploy-service
 */
public record DeploymentView(String environment, long version, String commitSha, long buildNumber, String branch,
                             String target, DeploymentStatus status, HealthResult health, String healthSummary,
                             String reason, String trigger, OffsetDateTime requestedAt, OffsetDateTime startedAt,
                             OffsetDateTime finishedAt, String triggeredBy, String correlationId, String slot,
                             List<String> variables, List<String> secrets, List<Component> components) {

    /** @param route null for static components */
    public record Component(String name, String kind, String artifactDigest, String route) {
    }

    static DeploymentView of(Deployment d, List<String> secretNames) {
        return new DeploymentView(d.environmentName(), d.version, d.commitSha, d.buildNumber, d.branch, d.target,
                d.status, d.health, d.healthSummary, d.reason, d.trigger, d.requestedAt, d.startedAt, d.finishedAt,
                d.causeEventId, d.correlationId, d.slot, List.copyOf(Variables.fromJson(d.configVariables).keySet()),
                secretNames,
                d.components.stream().map(c -> new Component(c.name, c.kind.label(), c.artifactDigest, c.route))
                        .toList());
    }
}

package dev.slipway.deploy.api;

import java.util.List;

/**
 * One environment of an app.
 *
 * @param live    the newest SUCCEEDED deployment, what the URL serves; null when nothing was deployed yet
 * @param latest  the newest deployment of any status when it is not {@code live} (queued, running or
 *                failed); null otherwise
 * @param running the deployment being deployed now (DEPLOYING); null when the environment's lane is free
 * @param queued  the deployments waiting for the lane (REQUESTED), newest first; only the newest will run,
 *                the others are superseded when it starts
 */
public record EnvironmentView(String environment, String url, DeploymentSummary live, DeploymentSummary latest,
                              DeploymentSummary running, List<DeploymentSummary> queued) {
}

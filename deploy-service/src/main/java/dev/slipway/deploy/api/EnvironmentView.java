package dev.slipway.deploy.api;

/**
 * One environment of an app.
 *
 * @param live   the newest SUCCEEDED deployment, what the URL serves; null when nothing was deployed yet
 * @param latest the newest deployment of any status when it is not {@code live} (queued, running or
 *               failed); null otherwise
 */
public record EnvironmentView(String environment, String url, DeploymentSummary live, DeploymentSummary latest) {
}

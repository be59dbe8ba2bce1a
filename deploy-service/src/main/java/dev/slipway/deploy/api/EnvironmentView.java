package dev.slipway.deploy.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One environment of an app.
 *
 * @param live    the deployment the URL serves: the last one switched to, by a deploy or a rollback; null when
 *                nothing was deployed yet
 * @param latest  the newest deployment of any status when it is not {@code live} (queued, running, failed, or
 *                rolled back from); null otherwise
 * @param running the deployment being deployed now (DEPLOYING); null when the environment's lane is free
 * @param queued  the deployments waiting for the lane (REQUESTED), newest first; only the newest will run,
 *                the others are superseded when it starts
 * @param waiting the deployments waiting for a rule (WAITING, e.g. production requires staging), newest first,
 *                each with its reason
 * @param pinned  set while a rollback holds the environment on {@code live}: new deployments queue but do not
 *                run until it is resumed; null otherwise
 * @param requires environments a commit must have passed before it deploys here
 * @param preview  a branch's preview environment, torn down when the branch is deleted
 * @param tornDown set once the environment was torn down; null otherwise
 */
public record EnvironmentView(String environment, String url, DeploymentSummary live, DeploymentSummary latest,
                              DeploymentSummary running, List<DeploymentSummary> queued,
                              List<DeploymentSummary> waiting, Pin pinned, List<String> requires, boolean preview,
                              TornDown tornDown) {

    public record TornDown(OffsetDateTime at, String reason) {
    }

    /**
     * @param reason e.g. {@code rolled back from v2 to v1: checkout returns 500 (by alice)}
     */
    public record Pin(OffsetDateTime since, String reason) {
    }
}

package dev.slipway.events;

/**
 * A signed GitHub push to a branch that maps to an environment in the commit's {@code slipway.yml}.
 * When that file could not be read, {@code app} and {@code environment} fall back to the repository
 * name and the branch so the build can report the problem.
 *
 * @param preview true when no environment names the branch and it deploys to its own preview environment
 */
public record PushReceived(String app, String environment, String repository, String cloneUrl,
                           String branch, String commitMessage, String pusher, String deliveryId, boolean preview)
        implements PipelineEvent {
}

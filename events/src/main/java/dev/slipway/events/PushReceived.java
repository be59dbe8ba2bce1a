package dev.slipway.events;

/**
 * A signed GitHub push to a branch that maps to an environment in the commit's {@code slipway.yml}.
 * When that file could not be read, {@code app} and {@code environment} fall back to the repository
 * name and the branch so the build can report the problem.
 */
public record PushReceived(String app, String environment, String repository, String cloneUrl,
                           String branch, String commitMessage, String pusher, String deliveryId)
        implements PipelineEvent {
}

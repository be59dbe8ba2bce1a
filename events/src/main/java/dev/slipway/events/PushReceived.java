package dev.slipway.events;

/**
 * A signed GitHub push to a branch that maps to an environment in the commit's {@code slipway.yml}.
 * When that file could not be read, {@code app} and {@code environment} fall back to the repository
 * name and the branch so the build can report the problem.
 *
 * @param preview     true when no environment names the branch and it deploys to its own preview environment
 * @param pullRequest the pull request this commit was opened or updated in; null for a push to a branch
 */
public record PushReceived(String app, String environment, String repository, String cloneUrl,
                           String branch, String commitMessage, String pusher, String deliveryId, boolean preview,
                           PullRequestRef pullRequest)
        implements PipelineEvent {

    /** A push to a branch. */
    public PushReceived(String app, String environment, String repository, String cloneUrl, String branch,
                        String commitMessage, String pusher, String deliveryId, boolean preview) {
        this(app, environment, repository, cloneUrl, branch, commitMessage, pusher, deliveryId, preview, null);
    }
}

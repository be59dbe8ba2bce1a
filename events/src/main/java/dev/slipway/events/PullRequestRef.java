package dev.slipway.events;

/**
 * The GitHub pull request a build runs for.
 *
 * @param headRepository the repository the pull request's commits come from ({@code owner/name})
 * @param fromFork       true when that is not the repository the webhook belongs to: its code is untrusted and
 *                       never receives the environment's secrets
 */
public record PullRequestRef(int number, String url, String headRepository, String headBranch, boolean fromFork) {
    public PullRequestRef {
        if (number < 1) {
            throw new IllegalArgumentException("a pull request number starts at 1, got " + number);
        }
    }
}

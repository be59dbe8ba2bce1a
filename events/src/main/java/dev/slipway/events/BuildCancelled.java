package dev.slipway.events;

/**
 * A build stopped before it finished because a newer commit for the same environment (a pull request's or a
 * preview branch's next push) replaced it; that commit's build runs instead.
 *
 * @param supersededBy the commit SHA whose build replaces this one
 */
public record BuildCancelled(String app, String environment, long buildNumber, String repository, String branch,
                             String reason, String supersededBy) implements PipelineEvent {
}

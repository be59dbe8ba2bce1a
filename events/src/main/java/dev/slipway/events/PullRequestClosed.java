package dev.slipway.events;

/**
 * A signed GitHub pull request was closed (merged or not). Its preview environment is torn down by
 * deploy-service.
 */
public record PullRequestClosed(String app, String environment, String repository, int number, boolean merged,
                                String deliveryId) implements PipelineEvent {
}

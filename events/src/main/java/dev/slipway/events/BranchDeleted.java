package dev.slipway.events;

/**
 * A signed GitHub push deleted a branch. When the branch had a preview environment, {@code environment} names it
 * and {@code preview} is true: deploy-service tears it down.
 */
public record BranchDeleted(String app, String environment, String repository, String branch, String deliveryId,
                            boolean preview) implements PipelineEvent {
}

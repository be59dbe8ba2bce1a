package dev.slipway.events;

/**
 * Someone asked to deploy to {@code environment} the exact artifacts and commit that are live in
 * {@code fromEnvironment} (or its version {@code fromVersion}).
 *
 * @param fromVersion null for what is live in {@code fromEnvironment}
 */
public record PromoteRequested(String app, String environment, String fromEnvironment, Long fromVersion,
                               String reason, String requestedBy) implements PipelineEvent {
}

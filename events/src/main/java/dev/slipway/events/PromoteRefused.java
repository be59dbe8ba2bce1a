package dev.slipway.events;

/** A promotion could not be done; nothing was deployed. {@code reason} says what to do. */
public record PromoteRefused(String app, String environment, String fromEnvironment, String reason)
        implements PipelineEvent {
}

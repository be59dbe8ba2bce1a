package dev.slipway.events;

/** A deployment was recorded with its version and is queued for its environment. */
public record DeployRequested(String app, String environment, long version, long buildNumber, String target)
        implements PipelineEvent {
}

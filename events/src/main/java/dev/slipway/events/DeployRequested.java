package dev.slipway.events;

/**
 * A deployment was recorded with its version and is queued for its environment.
 *
 * @param trigger what asked for it, for people: {@code push to main by alice} or {@code promoted from staging v4}
 */
public record DeployRequested(String app, String environment, long version, long buildNumber, String target,
                              String trigger) implements PipelineEvent {
}

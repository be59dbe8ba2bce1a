package dev.slipway.events;

/**
 * A queued deployment that will never run: a newer one for the same environment arrived before it started
 * (latest wins). Not a failure; nothing was switched.
 */
public record DeploySuperseded(String app, String environment, long version, long supersededBy)
        implements PipelineEvent {
}

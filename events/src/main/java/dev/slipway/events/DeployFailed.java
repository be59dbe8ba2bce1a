package dev.slipway.events;

/** The release was not switched; the environment keeps serving what it served before. */
public record DeployFailed(String app, String environment, long version, String reason) implements PipelineEvent {
}

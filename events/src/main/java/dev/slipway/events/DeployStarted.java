package dev.slipway.events;

public record DeployStarted(String app, String environment, long version, String target) implements PipelineEvent {
}

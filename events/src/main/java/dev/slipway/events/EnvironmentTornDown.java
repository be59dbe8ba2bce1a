package dev.slipway.events;

/** An environment's processes and routes were removed; its history is kept. */
public record EnvironmentTornDown(String app, String environment, String reason) implements PipelineEvent {
}

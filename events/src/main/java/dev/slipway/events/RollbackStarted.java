package dev.slipway.events;

public record RollbackStarted(String app, String environment, long fromVersion, long toVersion)
        implements PipelineEvent {
}

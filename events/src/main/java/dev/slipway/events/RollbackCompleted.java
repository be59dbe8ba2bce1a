package dev.slipway.events;

import java.time.Duration;

/** The environment serves {@code toVersion}'s exact release again and is pinned to it until resumed. */
public record RollbackCompleted(String app, String environment, long fromVersion, long toVersion, String url,
                                Duration took) implements PipelineEvent {
}

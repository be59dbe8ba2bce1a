package dev.slipway.events;

/** Nothing was switched: the environment keeps serving what it served. */
public record RollbackFailed(String app, String environment, Long toVersion, String reason) implements PipelineEvent {
}

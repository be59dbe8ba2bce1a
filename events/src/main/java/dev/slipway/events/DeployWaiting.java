package dev.slipway.events;

/**
 * A deployment is recorded but may not start yet, e.g. production requires that the commit passed staging first.
 * It starts on its own once the rule is met, or is superseded by a newer one.
 */
public record DeployWaiting(String app, String environment, long version, String reason) implements PipelineEvent {
}

package dev.slipway.events;

/**
 * Someone (the ops CLI, or verify-service by policy) asks to switch an environment back. Its commit SHA is
 * the commit that was live when it was asked.
 *
 * @param toVersion   the version to restore; null for the release that was live before the current one
 * @param reason      why, in words; shown in status and the incident record
 * @param requestedBy who asked: a user name, or the service that decided
 */
public record RollbackRequested(String app, String environment, Long toVersion, String reason, String requestedBy)
        implements PipelineEvent {
}

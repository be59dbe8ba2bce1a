package dev.slipway.events;

/**
 * Someone (the ops CLI, or verify-service by policy) asks to switch an environment back. Its commit SHA is
 * the commit that was live when it was asked.
 *
 * @param toVersion   the version to restore; null for the release that was live before the current one
 * @param reason      why, in words; shown in status and the incident record
 * @param requestedBy who asked: a user name, or the service that decided
 * @param fromVersion only roll back if this version is still live (a policy reacting to one release's failure
 *                    must not roll back a newer one); null for whatever is live
 */
public record RollbackRequested(String app, String environment, Long toVersion, String reason, String requestedBy,
                                Long fromVersion) implements PipelineEvent {
}

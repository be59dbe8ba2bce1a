package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.RollbackStatus;
import dev.slipway.deploy.persistence.Rollback;

import java.time.OffsetDateTime;

/**
 * A rollback in an app's history.
 *
 * @param requestedVersion the version asked for; null for the release live before the current one
 * @param fromVersion      what was live when it ran; null unless COMPLETED
 * @param toVersion        the version restored; null unless COMPLETED
 * @param failure          why nothing was switched; null unless FAILED
 * @param triggeredBy      the id of the RollbackRequested event
 */
public record RollbackView(String environment, Long requestedVersion, Long fromVersion, Long toVersion,
                           RollbackStatus status, String reason, String requestedBy, String failure,
                           OffsetDateTime requestedAt, OffsetDateTime finishedAt, String triggeredBy,
                           String correlationId) {

    static RollbackView of(Rollback r) {
        return new RollbackView(r.environmentName(), r.requestedVersion, r.fromVersion, r.toVersion, r.status,
                r.reason, r.requestedBy, r.failure, r.requestedAt, r.finishedAt, r.causeEventId, r.correlationId);
    }
}

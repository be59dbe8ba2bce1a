package dev.slipway.notify.api;

import dev.slipway.notify.domain.IncidentStatus;
import dev.slipway.notify.persistence.Incident;

import java.time.OffsetDateTime;

/**
 * An incident as {@code GET /api/incidents} lists it.
 *
 * @param restored    false when the rollback failed and the environment kept serving {@code fromVersion}
 * @param toVersion   null when the rollback failed
 * @param trigger     {@code automatic (health check failed)} or {@code by <who>}; null until the report is built
 * @param failure     why a failed rollback failed
 * @param rolledBackAt when the rollback completed or failed
 */
public record IncidentSummary(long id, String app, String environment, IncidentStatus status, boolean restored,
                              Long fromVersion, Long toVersion, String trigger, String reason, String failure,
                              OffsetDateTime rolledBackAt, OffsetDateTime openedAt, OffsetDateTime reportedAt) {

    static IncidentSummary of(Incident i) {
        return new IncidentSummary(i.id, i.app, i.environment, i.status, i.restored, i.fromVersion, i.toVersion,
                i.trigger, i.reason, i.failure, i.rolledBackAt, i.openedAt, i.reportedAt);
    }
}

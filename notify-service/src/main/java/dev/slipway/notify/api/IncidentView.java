package dev.slipway.notify.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.notify.domain.IncidentStatus;

import java.time.OffsetDateTime;

/**
 * An incident as {@code GET /api/incidents/{id}} shows it.
 *
 * @param report      the structured report ({@link dev.slipway.notify.domain.IncidentReport}: timeline, failing
 *                    checks with their whole output, versions, durations in ISO-8601); null until built
 * @param text        the Slack message sent for it
 * @param reportError why building the report failed, when it did
 */
public record IncidentView(long id, String app, String environment, IncidentStatus status, boolean restored,
                           Long fromVersion, Long toVersion, String trigger, String reason, String failure,
                           String rollbackEventId, OffsetDateTime rolledBackAt, OffsetDateTime openedAt,
                           OffsetDateTime reportDueAt, OffsetDateTime reportedAt, String reportError, JsonNode report,
                           String text) {
}

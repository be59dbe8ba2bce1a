package dev.slipway.notify.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What happened around a rollback (US5: "Given rollback initiated, When team is notified, Then incident report is
 * created"), built from the recorded pipeline events. Stored as JSON on the incident and answered by
 * {@code GET /api/incidents/{id}}; durations are ISO-8601 as in the events. What could not be known is null and
 * said in {@link #notes()}.
 *
 * @param restored        true when the rollback completed; false when it failed and the environment kept its release
 * @param headline        e.g. {@code rolled back v12 → v11}
 * @param trigger         {@code automatic (health check failed)}, {@code by alice}, or why it is unknown
 * @param automatic       true when verify-service asked for the rollback by policy
 * @param reason          why the rollback was asked for, as the request said; null when no request was recorded
 * @param failure         why a failed rollback failed; null when it completed
 * @param from            the release rolled back (for a failed rollback: the one that stayed live); null when unknown
 * @param to              the release restored; null when the rollback failed
 * @param attemptedVersion the version a failed rollback tried to restore; null when it named none or it completed
 * @param failingChecks   the failing release's failed health check; null when there was none
 * @param timeline        every recorded event of the failing release's run and of the rollback's, oldest first
 * @param notes           what is missing or worth knowing, in plain words
 */
public record IncidentReport(long incidentId, String app, String environment, boolean restored, String headline,
                             String trigger, boolean automatic, String reason, String failure, Release from,
                             Release to, Long attemptedVersion, Durations durations, FailingChecks failingChecks,
                             List<TimelineEntry> timeline, OffsetDateTime rolledBackAt, List<String> notes) {

    public IncidentReport {
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
    }

    /**
     * @param wentLiveAt    when its DeploySucceeded happened; null when not recorded
     * @param correlationId the run that deployed it; null when not recorded
     */
    public record Release(long version, String commitSha, OffsetDateTime wentLiveAt, String correlationId) {
    }

    /**
     * @param releaseLeadTime   from the release's first event ({@code leadTimeFrom}: a push, a promotion) to it going live
     * @param liveBeforeFailure from going live to its failed health check
     * @param timeToRestore     from the first sign of trouble (failed health check or rollback request) to the rollback's completion
     * @param rollbackSwitch    the switch itself, as deploy-service measured it
     */
    public record Durations(Duration releaseLeadTime, String leadTimeFrom, Duration liveBeforeFailure,
                            Duration timeToRestore, Duration rollbackSwitch) {
    }

    /** The HealthFailed of the rolled-back release: only its failed observations, each with its whole output. */
    public record FailingChecks(String eventId, OffsetDateTime at, long version, List<Check> checks) {
        public FailingChecks {
            checks = List.copyOf(checks);
        }
    }

    /** @param output the start of the failing answer's body, as verify-service saw it; null when none came */
    public record Check(String component, String url, int expectedStatus, Integer status, String error, int attempts,
                        Duration latency, String output) {
    }

    /** @param source the emitting service, e.g. {@code verify-service} */
    public record TimelineEntry(OffsetDateTime time, String type, String source, String summary, String eventId) {
    }
}

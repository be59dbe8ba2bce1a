package dev.slipway.notify.domain;

import dev.slipway.events.CheckObservation;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds an incident's report from the recorded events around its rollback outcome (RollbackCompleted or
 * RollbackFailed): the rollback request it answers, the release it rolled back (found by app, environment and
 * version, which gives that release's run), that release's failed health check, and both runs' events as the
 * timeline.
 */
public final class IncidentReportBuilder {
    /** The service whose rollback requests are the automatic ones (by policy, on a failed health check). */
    static final String VERIFY_SERVICE = "verify-service";
    /** Causation hops from a rollback outcome to its request: Completed → Started → Requested, plus slack. */
    private static final int MAX_HOPS = 8;

    private IncidentReportBuilder() {
    }

    /**
     * The rollback request a rollback outcome answers, found by following causation ids, and the event that request
     * answers (the failed health check, for verify-service's).
     *
     * @param request        null when none was found
     * @param requestCause   null when the request answers nothing (an operator's) or it was not found
     * @param missingEventId an event on the way that has not been recorded (yet); null when the chain is whole
     */
    public record Evidence(RecordedEvent request, RecordedEvent requestCause, String missingEventId) {

        public boolean complete() {
            return missingEventId == null;
        }
    }

    /** Whether the events the report is about have arrived; topics are consumed independently, so some may lag. */
    public static Evidence evidence(RecordedEvent rollback, EventHistory history) {
        RecordedEvent current = rollback;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (current.type() == EventType.ROLLBACK_REQUESTED) {
                if (current.causationId() == null) {
                    return new Evidence(current, null, null);
                }
                RecordedEvent request = current;
                return history.byId(current.causationId()).map(cause -> new Evidence(request, cause, null))
                        .orElseGet(() -> new Evidence(request, null, request.causationId()));
            }
            if (current.causationId() == null) {
                return new Evidence(null, null, null);
            }
            Optional<RecordedEvent> cause = history.byId(current.causationId());
            if (cause.isEmpty()) {
                return new Evidence(null, null, current.causationId());
            }
            current = cause.get();
        }
        return new Evidence(null, null, null);
    }

    /**
     * @param evidence  what {@link #evidence} found when the report was built
     * @param maxWait   how long a report waits for missing evidence, said in the notes when it is still missing
     */
    public static IncidentReport build(long incidentId, RecordedEvent rollback, Evidence evidence,
                                       EventHistory history, Duration maxWait) {
        String app = rollback.app();
        String environment = rollback.environment();
        boolean restored = rollback.type() == EventType.ROLLBACK_COMPLETED;
        RollbackCompleted completed = restored ? (RollbackCompleted) rollback.data() : null;
        RollbackFailed failed = restored ? null : (RollbackFailed) rollback.data();
        List<String> notes = new ArrayList<>();

        RecordedEvent request = evidence.request() != null ? evidence.request()
                : history.ofCorrelations(List.of(rollback.correlationId())).stream()
                .filter(e -> e.type() == EventType.ROLLBACK_REQUESTED && e.app().equals(app)
                        && e.environment().equals(environment) && !e.time().isAfter(rollback.time()))
                .reduce((first, second) -> second).orElse(null);
        RollbackRequested asked = request == null ? null : (RollbackRequested) request.data();
        boolean automatic = request != null && (request.service().equals(VERIFY_SERVICE)
                || VERIFY_SERVICE.equals(asked.requestedBy()));
        String trigger = request == null ? "unknown (no rollback request was received)"
                : automatic ? "automatic (health check failed)"
                : "by " + Objects.requireNonNullElse(asked.requestedBy(), "someone unnamed");
        String reason = asked == null ? null : asked.reason();

        Long fromVersion = restored ? Long.valueOf(completed.fromVersion())
                : asked != null && asked.fromVersion() != null ? asked.fromVersion()
                : boxed(history.liveVersionAt(app, environment, rollback.time()));
        Long toVersion = restored ? Long.valueOf(completed.toVersion()) : null;
        Long attempted = restored ? null
                : failed.toVersion() != null ? failed.toVersion() : asked == null ? null : asked.toVersion();

        Optional<RecordedEvent> fromLive = release(history, app, environment, fromVersion, EventType.DEPLOY_SUCCEEDED);
        Optional<RecordedEvent> fromRequested = release(history, app, environment, fromVersion, EventType.DEPLOY_REQUESTED);
        Optional<RecordedEvent> fromRecord = fromLive.or(() -> fromRequested);
        String releaseCorrelation = fromRecord.map(RecordedEvent::correlationId).orElse(null);
        IncidentReport.Release from = fromVersion == null ? null : new IncidentReport.Release(fromVersion,
                fromRecord.map(RecordedEvent::commitSha).orElse(request == null ? null : request.commitSha()),
                fromLive.map(RecordedEvent::time).orElse(null), releaseCorrelation);
        Optional<RecordedEvent> toLive = release(history, app, environment, toVersion, EventType.DEPLOY_SUCCEEDED);
        IncidentReport.Release to = toVersion == null ? null : new IncidentReport.Release(toVersion,
                // deploy-service's rollback events carry the commit they restore
                toLive.map(RecordedEvent::commitSha).orElse(rollback.commitSha()),
                toLive.map(RecordedEvent::time).orElse(null), toLive.map(RecordedEvent::correlationId).orElse(null));

        Optional<RecordedEvent> healthFailed = Optional.ofNullable(evidence.requestCause())
                .filter(e -> e.type() == EventType.HEALTH_FAILED && Objects.equals(e.version(), fromVersion))
                .or(() -> release(history, app, environment, fromVersion, EventType.HEALTH_FAILED));
        IncidentReport.FailingChecks failingChecks = healthFailed.map(IncidentReportBuilder::failingChecks).orElse(null);

        Set<String> runs = new LinkedHashSet<>();
        if (releaseCorrelation != null) {
            runs.add(releaseCorrelation);
        }
        runs.add(rollback.correlationId());
        List<RecordedEvent> events = history.ofCorrelations(runs).stream()
                .sorted(Comparator.comparing(RecordedEvent::time)).toList();
        List<IncidentReport.TimelineEntry> timeline = events.stream().map(e -> new IncidentReport.TimelineEntry(
                e.time(), e.type().type(), e.service(), e.summary(), e.eventId())).toList();

        Optional<RecordedEvent> runStart = events.stream().filter(e -> Objects.equals(e.correlationId(), releaseCorrelation))
                .filter(e -> e.type() == EventType.PUSH_RECEIVED).findFirst()
                .or(() -> events.stream().filter(e -> Objects.equals(e.correlationId(), releaseCorrelation)).findFirst());
        Duration leadTime = fromLive.flatMap(live -> runStart.map(start -> between(start.time(), live.time())))
                .orElse(null);
        Duration liveBeforeFailure = fromLive.flatMap(live -> healthFailed.map(h -> between(live.time(), h.time())))
                .orElse(null);
        Duration timeToRestore = !restored ? null : Stream.of(healthFailed.map(RecordedEvent::time),
                        Optional.ofNullable(request).map(RecordedEvent::time))
                .flatMap(Optional::stream).min(Comparator.naturalOrder())
                .map(start -> between(start, rollback.time())).orElse(null);
        IncidentReport.Durations durations = new IncidentReport.Durations(leadTime,
                leadTime == null ? null : runStart.get().type().dataClass().getSimpleName(), liveBeforeFailure,
                timeToRestore, restored ? completed.took() : null);

        if (!evidence.complete()) {
            notes.add("event " + evidence.missingEventId() + ", which this rollback answers, had not arrived after "
                    + NotificationText.human(maxWait) + "; this report is built without it");
        }
        if (failingChecks == null) {
            notes.add("no failing health check"
                    + (request == null ? "" : ": " + (restored ? "rolled back " : "rollback asked ")
                    + (automatic ? "automatically" : trigger) + (reason == null ? "" : ": " + reason)));
        }
        if (fromVersion == null) {
            notes.add("no release was recorded as live when the rollback was asked");
        } else if (fromLive.isEmpty()) {
            notes.add("no record of version " + fromVersion + " going live: its lead time and time live are unknown");
        }

        String headline = restored
                ? "rolled back v" + fromVersion + " → v" + toVersion
                : "rollback" + (fromVersion == null ? "" : " of v" + fromVersion)
                + (attempted == null ? "" : " to v" + attempted) + " failed"
                + (fromVersion == null ? "" : ", v" + fromVersion + " is still live");
        return new IncidentReport(incidentId, app, environment, restored, headline, trigger, automatic, reason,
                restored ? null : failed.reason(), from, to, attempted, durations, failingChecks, timeline,
                rollback.time(), notes);
    }

    private static IncidentReport.FailingChecks failingChecks(RecordedEvent event) {
        HealthFailed failed = (HealthFailed) event.data();
        return new IncidentReport.FailingChecks(event.eventId(), event.time(), failed.version(),
                failed.observations().stream().filter(o -> !o.passed()).map(IncidentReportBuilder::check).toList());
    }

    private static IncidentReport.Check check(CheckObservation o) {
        return new IncidentReport.Check(o.component(), o.url(), o.expectedStatus(), o.status(), o.error(), o.attempts(),
                o.latency(), o.output());
    }

    private static Optional<RecordedEvent> release(EventHistory history, String app, String environment, Long version,
                                                   EventType type) {
        return version == null ? Optional.empty() : history.latest(app, environment, type, version);
    }

    private static Duration between(OffsetDateTime start, OffsetDateTime end) {
        return Duration.between(start, end);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}

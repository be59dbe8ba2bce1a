package dev.slipway.notify.domain;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.RollbackCompleted;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The recorded events as a list, for plain tests of the report; the database answers the same questions. */
final class InMemoryHistory implements EventHistory {
    private final List<RecordedEvent> events = new ArrayList<>();

    InMemoryHistory(Collection<Envelope<?>> envelopes) {
        envelopes.forEach(this::add);
    }

    RecordedEvent add(Envelope<?> e) {
        RecordedEvent recorded = new RecordedEvent(e.metadata().id(), e.type(), e.metadata().source().toString(),
                e.metadata().time(), e.data().app(), e.data().environment(), e.metadata().correlationId(),
                e.metadata().causationId(), e.metadata().commitSha(), EventSummary.versionOf(e.data()),
                EventSummary.of(e.data()), e.data());
        events.add(recorded);
        return recorded;
    }

    RecordedEvent get(Envelope<?> e) {
        return byId(e.metadata().id()).orElseThrow();
    }

    @Override
    public Optional<RecordedEvent> byId(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    @Override
    public Optional<RecordedEvent> latest(String app, String environment, EventType type, long version) {
        return events.stream().filter(e -> e.app().equals(app) && e.environment().equals(environment)
                        && e.type() == type && e.version() != null && e.version() == version)
                .max(Comparator.comparing(RecordedEvent::time));
    }

    @Override
    public List<RecordedEvent> ofCorrelations(Collection<String> correlationIds) {
        return events.stream().filter(e -> correlationIds.contains(e.correlationId()))
                .sorted(Comparator.comparing(RecordedEvent::time)).toList();
    }

    @Override
    public OptionalLong liveVersionAt(String app, String environment, OffsetDateTime at) {
        return events.stream().filter(e -> e.app().equals(app) && e.environment().equals(environment)
                        && (e.type() == EventType.DEPLOY_SUCCEEDED || e.type() == EventType.ROLLBACK_COMPLETED)
                        && !e.time().isAfter(at))
                .max(Comparator.comparing(RecordedEvent::time))
                .map(e -> e.data() instanceof RollbackCompleted r ? OptionalLong.of(r.toVersion()) : OptionalLong.of(e.version()))
                .orElse(OptionalLong.empty());
    }
}

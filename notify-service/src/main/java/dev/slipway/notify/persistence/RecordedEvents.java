package dev.slipway.notify.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.notify.domain.EventHistory;
import dev.slipway.notify.domain.EventSummary;
import dev.slipway.notify.domain.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The recorded pipeline events: written once per event, read back typed for incident reports. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecordedEvents implements EventHistory {

    /** Records {@code event} unless an event with its id is recorded already. */
    public void record(Envelope<?> event, OffsetDateTime now) {
        EventMetadata m = event.metadata();
        if (PipelineEventRecord.byEventId(m.id()).isPresent()) {
            return;
        }
        PipelineEventRecord row = new PipelineEventRecord();
        row.eventId = m.id();
        row.type = event.type().type();
        row.source = m.source().toString();
        row.time = m.time();
        row.app = event.data().app();
        row.environment = event.data().environment();
        row.correlationId = m.correlationId();
        row.causationId = m.causationId();
        row.commitSha = m.commitSha();
        row.version = EventSummary.versionOf(event.data());
        row.summary = EventSummary.of(event.data());
        row.data = json(event.data());
        row.recordedAt = now;
        row.persist();
    }

    @Override
    public Optional<RecordedEvent> byId(String eventId) {
        return PipelineEventRecord.byEventId(eventId).map(RecordedEvents::toDomain);
    }

    @Override
    public Optional<RecordedEvent> latest(String app, String environment, EventType type, long version) {
        return PipelineEventRecord.latest(app, environment, type.type(), version).map(RecordedEvents::toDomain);
    }

    @Override
    public List<RecordedEvent> ofCorrelations(Collection<String> correlationIds) {
        return PipelineEventRecord.ofCorrelations(correlationIds).stream().map(RecordedEvents::toDomain).toList();
    }

    @Override
    public OptionalLong liveVersionAt(String app, String environment, OffsetDateTime at) {
        return PipelineEventRecord.latestOf(app, environment,
                        List.of(EventType.DEPLOY_SUCCEEDED.type(), EventType.ROLLBACK_COMPLETED.type()), at)
                .map(RecordedEvents::toDomain)
                .map(e -> e.data() instanceof RollbackCompleted r ? OptionalLong.of(r.toVersion())
                        : OptionalLong.of(e.version()))
                .orElse(OptionalLong.empty());
    }

    static RecordedEvent toDomain(PipelineEventRecord row) {
        EventType type = EventType.fromType(row.type).orElseThrow(() -> new IllegalStateException(
                "recorded event " + row.eventId + " has the unknown type " + row.type));
        PipelineEvent data;
        try {
            data = EventCodec.json().readValue(row.data, type.dataClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded event " + row.eventId + " has unreadable data: "
                    + e.getOriginalMessage(), e);
        }
        return new RecordedEvent(row.eventId, type, row.source, row.time, row.app, row.environment, row.correlationId,
                row.causationId, row.commitSha, row.version, row.summary, data);
    }

    private static String json(PipelineEvent data) {
        try {
            return EventCodec.json().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data always serializes", e);
        }
    }
}

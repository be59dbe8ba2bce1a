package dev.slipway.events;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One event: its metadata and its typed data. */
public record Envelope<E extends PipelineEvent>(EventMetadata metadata, E data) {

    public Envelope {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
    }

    /** The first event of a run: it starts a new correlation. */
    public static <E extends PipelineEvent> Envelope<E> first(String service, String commitSha, E data, Clock clock) {
        String id = UUID.randomUUID().toString();
        return new Envelope<>(new EventMetadata(id, sourceOf(service), OffsetDateTime.now(clock),
                subjectOf(data), id, null, commitSha), data);
    }

    /** An event answering {@code cause}: same correlation and commit, caused by it. */
    public static <E extends PipelineEvent> Envelope<E> answering(EventMetadata cause, String service, E data, Clock clock) {
        return new Envelope<>(new EventMetadata(UUID.randomUUID().toString(), sourceOf(service),
                OffsetDateTime.now(clock), subjectOf(data), cause.correlationId(), cause.id(), cause.commitSha()), data);
    }

    public EventType type() {
        return EventType.of(data.getClass());
    }

    /** The Kafka record key: {@code app/environment}, so one environment's events stay ordered. */
    public String key() {
        return metadata.subject();
    }

    public static URI sourceOf(String service) {
        return URI.create("/slipway/" + service);
    }

    public static String subjectOf(PipelineEvent data) {
        return data.app() + "/" + data.environment();
    }
}

package dev.slipway.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns envelopes into CloudEvents 1.0 and back. Slipway extensions: {@code correlationid},
 * {@code causationid}, {@code commitsha}. Data is {@code application/json}.
 */
public final class EventCodec {
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String COMMIT_SHA = "commitsha";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final EventFormat STRUCTURED = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private EventCodec() {
    }

    public static CloudEvent toCloudEvent(Envelope<?> envelope) {
        EventMetadata m = envelope.metadata();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(m.id())
                .withSource(m.source())
                .withType(envelope.type().type())
                .withTime(m.time())
                .withSubject(m.subject())
                .withDataContentType("application/json")
                .withData(writeData(envelope.data()))
                .withExtension(CORRELATION_ID, m.correlationId())
                .withExtension(COMMIT_SHA, m.commitSha());
        if (m.causationId() != null) {
            builder.withExtension(CAUSATION_ID, m.causationId());
        }
        return builder.build();
    }

    /**
     * Reads a CloudEvent back into a typed envelope.
     *
     * @throws InvalidEventException when the type is unknown or a required attribute or the data is missing or malformed
     */
    public static Envelope<?> fromCloudEvent(CloudEvent event) {
        EventType type = EventType.fromType(event.getType())
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + event.getType() + "'"));
        if (event.getData() == null) {
            throw new InvalidEventException(type.type() + " " + event.getId() + " has no data");
        }
        PipelineEvent data;
        try {
            data = JSON.readValue(event.getData().toBytes(), type.dataClass());
        } catch (IOException e) {
            throw new InvalidEventException(type.type() + " " + event.getId() + " has malformed data: " + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            EventMetadata metadata = new EventMetadata(event.getId(), event.getSource(), event.getTime(), event.getSubject(),
                    extension(event, CORRELATION_ID), extension(event, CAUSATION_ID), extension(event, COMMIT_SHA));
            return new Envelope<>(metadata, data);
        } catch (NullPointerException e) {
            throw new InvalidEventException(type.type() + " " + event.getId() + " lacks the attribute " + e.getMessage());
        }
    }

    /** The structured-mode JSON of an event, as stored in outboxes and in the golden fixtures. */
    public static byte[] toStructuredJson(Envelope<?> envelope) {
        return STRUCTURED.serialize(toCloudEvent(envelope));
    }

    public static Envelope<?> fromStructuredJson(byte[] json) {
        try {
            return fromCloudEvent(STRUCTURED.deserialize(json));
        } catch (RuntimeException e) {
            if (e instanceof InvalidEventException) {
                throw e;
            }
            throw new InvalidEventException("not a CloudEvents JSON document: " + e.getMessage());
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }

    private static byte[] writeData(PipelineEvent data) {
        try {
            return JSON.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}

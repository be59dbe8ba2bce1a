package dev.slipway.notify.domain;

import dev.slipway.events.EventType;
import dev.slipway.events.PipelineEvent;

import java.time.OffsetDateTime;

/**
 * A pipeline event as notify-service recorded it: its metadata, its typed data and its one-line summary.
 *
 * @param source        the emitting service's CloudEvents source, e.g. {@code /slipway/verify-service}
 * @param causationId   the event this one answers; null for the first event of a run
 * @param version       the release version, for events whose data has one
 */
public record RecordedEvent(String eventId, EventType type, String source, OffsetDateTime time, String app,
                            String environment, String correlationId, String causationId, String commitSha,
                            Long version, String summary, PipelineEvent data) {

    /** The emitting service's name, e.g. {@code verify-service}. */
    public String service() {
        return source.startsWith("/slipway/") ? source.substring("/slipway/".length()) : source;
    }
}

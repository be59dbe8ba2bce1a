package dev.slipway.notify.domain;

import dev.slipway.events.EventType;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The pipeline events notify-service has recorded, as incident reports look them up. */
public interface EventHistory {

    Optional<RecordedEvent> byId(String eventId);

    /** The newest event of {@code type} about {@code version} of {@code app/environment}. */
    Optional<RecordedEvent> latest(String app, String environment, EventType type, long version);

    /** Every event of these runs, oldest first (events at the same instant in the order they were recorded). */
    List<RecordedEvent> ofCorrelations(Collection<String> correlationIds);

    /**
     * The version {@code app/environment} served at {@code at}, as far as the recorded events say: the newest
     * DeploySucceeded or RollbackCompleted before it.
     */
    OptionalLong liveVersionAt(String app, String environment, OffsetDateTime at);
}

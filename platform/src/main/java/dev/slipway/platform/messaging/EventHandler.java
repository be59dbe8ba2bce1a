package dev.slipway.platform.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;

import java.util.Set;

/**
 * Handles pipeline events of the given types. {@link #handle} runs inside a transaction that also records
 * the event in the inbox, so an event's effect happens once however often Kafka delivers it. It must be
 * quick: record a job row and return; long work is driven from the database.
 */
public interface EventHandler {

    Set<EventType> handles();

    void handle(Envelope<?> event);

    /** The inbox consumer name; distinct per handler so two handlers of one event stay independent. */
    default String consumerName() {
        return getClass().getSimpleName().replace("_Subclass", "").replace("_ClientProxy", "");
    }
}

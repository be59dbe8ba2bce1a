package dev.slipway.notify.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.notify.domain.NotificationKind;
import dev.slipway.notify.domain.NotificationText;
import dev.slipway.notify.persistence.RecordedEvents;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.Set;

/**
 * Records one delivery per channel whose rules take the event (FR-007); {@link DeliveryWorker} sends them.
 * Rollback outcomes are announced by their incident report ({@link IncidentWorker}), not here.
 */
@ApplicationScoped
public class NotificationHandler implements EventHandler {
    private final DeliveryLog deliveries;
    private final RecordedEvents history;

    public NotificationHandler(DeliveryLog deliveries, RecordedEvents history) {
        this.deliveries = deliveries;
        this.history = history;
    }

    @Override
    public Set<EventType> handles() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind != NotificationKind.ROLLED_BACK && kind != NotificationKind.ROLLBACK_FAILED) {
                types.add(kind.eventType());
            }
        }
        return types;
    }

    @Override
    public void handle(Envelope<?> event) {
        deliveries.record(NotificationText.notification(event, history).orElseThrow(() ->
                new IllegalStateException("no message for " + event.type().type())));
    }
}

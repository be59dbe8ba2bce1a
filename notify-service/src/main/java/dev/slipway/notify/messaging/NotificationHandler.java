package dev.slipway.notify.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.notify.domain.NotificationText;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Records one delivery per configured channel for each announced event; {@link DeliveryWorker} sends them.
 * Rollback outcomes are announced by their incident report ({@link IncidentWorker}), not here.
 */
@ApplicationScoped
public class NotificationHandler implements EventHandler {
    private final DeliveryLog deliveries;

    public NotificationHandler(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BUILD_FAILED, EventType.DEPLOY_SUCCEEDED, EventType.DEPLOY_FAILED,
                EventType.HEALTH_FAILED, EventType.DEPLOY_WAITING, EventType.ENVIRONMENT_TORN_DOWN);
    }

    @Override
    public void handle(Envelope<?> event) {
        String text = NotificationText.render(event).orElseThrow(() ->
                new IllegalStateException("no message for " + event.type().type()));
        deliveries.record(event.metadata().id(), event.type().type(), event.data().app(), event.data().environment(),
                text, null);
    }
}

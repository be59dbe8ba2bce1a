package dev.slipway.notify.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.notify.config.WebhookChannels;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.domain.NotificationText;
import dev.slipway.notify.domain.WebhookChannel;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

/** Records one delivery per configured channel for each announced event; {@link DeliveryWorker} sends them. */
@ApplicationScoped
public class NotificationHandler implements EventHandler {
    private final WebhookChannels channels;
    private final Event<DeliveryRecorded> recorded;
    private final Clock clock;

    public NotificationHandler(WebhookChannels channels, Event<DeliveryRecorded> recorded, Clock clock) {
        this.channels = channels;
        this.recorded = recorded;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.BUILD_FAILED, EventType.DEPLOY_SUCCEEDED, EventType.DEPLOY_FAILED,
                EventType.HEALTH_FAILED);
    }

    @Override
    public void handle(Envelope<?> event) {
        if (channels.all().isEmpty()) {
            return;
        }
        String text = NotificationText.render(event).orElseThrow(() ->
                new IllegalStateException("no message for " + event.type().type()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (WebhookChannel channel : channels.all()) {
            Delivery delivery = new Delivery();
            delivery.eventId = event.metadata().id();
            delivery.eventType = event.type().type();
            delivery.app = event.data().app();
            delivery.environment = event.data().environment();
            delivery.channelId = channel.id();
            delivery.channel = channel.masked();
            delivery.text = text;
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.persist();
        }
        recorded.fire(new DeliveryRecorded(event.metadata().id()));
    }
}

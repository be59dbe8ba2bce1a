package dev.slipway.notify.messaging;

import dev.slipway.notify.config.WebhookChannels;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.domain.WebhookChannel;
import dev.slipway.notify.persistence.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Records a message for every configured channel in the caller's transaction; {@link DeliveryWorker} sends them
 * (with its retries) once that transaction has committed.
 */
@ApplicationScoped
public class DeliveryLog {
    private final WebhookChannels channels;
    private final Event<DeliveryRecorded> recorded;
    private final Clock clock;

    public DeliveryLog(WebhookChannels channels, Event<DeliveryRecorded> recorded, Clock clock) {
        this.channels = channels;
        this.recorded = recorded;
        this.clock = clock;
    }

    /**
     * @param eventId    the event the message is about; with the channel, unique
     * @param incidentId the incident the message reports, null for an event's own message
     * @return how many deliveries were recorded: none when no channel is configured
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(String eventId, String eventType, String app, String environment, String text, Long incidentId) {
        if (channels.all().isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (WebhookChannel channel : channels.all()) {
            Delivery delivery = new Delivery();
            delivery.eventId = eventId;
            delivery.eventType = eventType;
            delivery.app = app;
            delivery.environment = environment;
            delivery.channelId = channel.id();
            delivery.channel = channel.masked();
            delivery.text = text;
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.incidentId = incidentId;
            delivery.persist();
        }
        recorded.fire(new DeliveryRecorded(eventId));
        return channels.all().size();
    }
}

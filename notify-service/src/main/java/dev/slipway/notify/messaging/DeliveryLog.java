package dev.slipway.notify.messaging;

import dev.slipway.notify.config.NotifyChannels;
import dev.slipway.notify.domain.Channel;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.domain.Notification;
import dev.slipway.notify.persistence.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Records a notification for every channel whose rules take it (its environment and kind), in the caller's
 * transaction; {@link DeliveryWorker} sends them (with its retries) once that transaction has committed. One delivery
 * per event and channel, however often the event comes.
 */
@ApplicationScoped
public class DeliveryLog {
    private final NotifyChannels channels;
    private final Event<DeliveryRecorded> recorded;
    private final Clock clock;

    public DeliveryLog(NotifyChannels channels, Event<DeliveryRecorded> recorded, Clock clock) {
        this.channels = channels;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** @return how many deliveries were recorded: none when no channel takes it, or all were recorded before */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(Notification notification) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int count = 0;
        for (Channel channel : channels.routing(notification.environment(), notification.kind())) {
            if (Delivery.exists(notification.eventId(), channel.id())) {
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.eventId = notification.eventId();
            delivery.eventType = notification.eventType();
            delivery.app = notification.app();
            delivery.environment = notification.environment();
            delivery.channelId = channel.id();
            delivery.channel = channel.label();
            delivery.channelType = channel.type();
            delivery.text = notification.textFor(channel.type());
            delivery.subject = notification.subject();
            delivery.version = notification.version();
            delivery.commitSha = notification.commitSha();
            delivery.occurredAt = notification.occurredAt();
            delivery.status = DeliveryStatus.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.incidentId = notification.incidentId();
            delivery.persist();
            count++;
        }
        if (count > 0) {
            recorded.fire(new DeliveryRecorded(notification.eventId()));
        }
        return count;
    }
}

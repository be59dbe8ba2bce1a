package dev.slipway.notify.persistence;

import dev.slipway.notify.domain.ChannelType;
import dev.slipway.notify.domain.DeliveryStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** One message for one channel, with where its sending stands. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String environment;

    /** The channel's id: {@code channel:<name>}, or the SHA-256 of a slack-webhook-urls URL; never a secret. */
    @Column(name = "channel_id", nullable = false)
    public String channelId;

    /** The channel's label: its name and masked target, or a slack-webhook-urls URL masked to scheme and host. */
    @Column(nullable = false)
    public String channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel_type", nullable = false)
    public ChannelType channelType;

    /** What the channel is sent: Slack's mrkdwn, the email's body, or the webhook payload's message. */
    @Column(nullable = false)
    public String text;

    /** The email subject; the webhook payload's subject. */
    public String subject;

    /** The release the message is about; null when the event names none. */
    public Long version;

    @Column(name = "commit_sha")
    public String commitSha;

    /** The status change announced: the event's time. */
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    /** Why the last attempt did not deliver; for a FAILED delivery, why it was given up. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The incident this delivery announces; null for an event's message. */
    @Column(name = "incident_id")
    public Long incidentId;

    /** Locks the pending delivery that has been due longest. */
    public static Optional<Delivery> lockNextDue(OffsetDateTime now) {
        return Delivery.<Delivery>find("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt, id",
                        DeliveryStatus.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED: another worker has it
                .firstResultOptional();
    }

    public static boolean exists(String eventId, String channelId) {
        return Delivery.count("eventId = ?1 and channelId = ?2", eventId, channelId) > 0;
    }

    public static Optional<Delivery> lockById(long id) {
        return Delivery.<Delivery>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<Delivery> newest(String app, int limit) {
        return (app == null ? Delivery.<Delivery>find("order by id desc")
                : Delivery.<Delivery>find("app = ?1 order by id desc", app)).page(0, limit).list();
    }
}

package dev.slipway.platform.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An event a consumer has handled. Written in the same transaction as the handler's effect; the
 * primary key makes a second handling of the same event fail and roll back.
 */
@Entity
@Table(name = "inbox")
public class InboxEntry extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String consumer;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "handled_at", nullable = false)
    public OffsetDateTime handledAt;

    public static String key(String consumer, String eventId) {
        return consumer + "/" + eventId;
    }
}

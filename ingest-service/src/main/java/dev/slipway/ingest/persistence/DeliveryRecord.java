package dev.slipway.ingest.persistence;

import dev.slipway.ingest.domain.DeliveryOutcome;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A signed GitHub delivery that was handled, keyed by GitHub's delivery id so a redelivery is recognised. */
@Entity
@Table(name = "delivery")
public class DeliveryRecord extends PanacheEntityBase {

    @Id
    @Column(name = "delivery_id")
    public String deliveryId;

    /** The {@code X-GitHub-Event} header: push, ping, … */
    @Column(nullable = false)
    public String event;

    @Column(nullable = false)
    public String repository;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryOutcome outcome;

    /** Why nothing was deployed, or the slipway.yml problem an accepted push carries; null otherwise. */
    public String reason;

    @Column(name = "commit_sha")
    public String commitSha;

    /** The PushReceived event id of an accepted push. */
    @Column(name = "event_id")
    public String eventId;

    /**
     * Inserts this row unless the delivery is already recorded. Atomic in the database, so two copies of
     * one delivery arriving at once still produce one row.
     *
     * @return true when this call recorded it
     */
    public boolean insertIfNew() {
        return Panache.getEntityManager().createNativeQuery("""
                        insert into {h-schema}delivery
                            (delivery_id, event, repository, received_at, outcome, reason, commit_sha, event_id)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        on conflict (delivery_id) do nothing""")
                .setParameter(1, deliveryId)
                .setParameter(2, event)
                .setParameter(3, repository)
                .setParameter(4, receivedAt)
                .setParameter(5, outcome.name())
                .setParameter(6, reason)
                .setParameter(7, commitSha)
                .setParameter(8, eventId)
                .executeUpdate() == 1;
    }
}

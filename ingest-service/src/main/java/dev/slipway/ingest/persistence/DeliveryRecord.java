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
import java.util.Locale;
import java.util.Optional;

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

    /** The event an accepted push (PushReceived) or a teardown (BranchDeleted) emitted. */
    @Column(name = "event_id")
    public String eventId;

    /** The branch of an accepted push or a teardown; null for other deliveries. */
    public String branch;

    /** The app and environment an accepted push deployed to or a teardown tore down; null for other deliveries. */
    public String app;

    public String environment;

    /** True when {@code environment} is a branch's preview environment. */
    @Column(nullable = false)
    public boolean preview;

    /** The newest accepted push or teardown of {@code branch}'s preview environment, if it ever had one. */
    public static Optional<DeliveryRecord> lastPreview(String repository, String branch) {
        return find("preview = true and lower(repository) = ?1 and branch = ?2 order by receivedAt desc",
                repository.toLowerCase(Locale.ROOT), branch).firstResultOptional();
    }

    /**
     * Inserts this row unless the delivery is already recorded. Atomic in the database, so two copies of
     * one delivery arriving at once still produce one row.
     *
     * @return true when this call recorded it
     */
    public boolean insertIfNew() {
        return Panache.getEntityManager().createNativeQuery("""
                        insert into {h-schema}delivery
                            (delivery_id, event, repository, received_at, outcome, reason, commit_sha, event_id,
                             branch, app, environment, preview)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                        on conflict (delivery_id) do nothing""")
                .setParameter(1, deliveryId)
                .setParameter(2, event)
                .setParameter(3, repository)
                .setParameter(4, receivedAt)
                .setParameter(5, outcome.name())
                .setParameter(6, reason)
                .setParameter(7, commitSha)
                .setParameter(8, eventId)
                .setParameter(9, branch)
                .setParameter(10, app)
                .setParameter(11, environment)
                .setParameter(12, preview)
                .executeUpdate() == 1;
    }
}

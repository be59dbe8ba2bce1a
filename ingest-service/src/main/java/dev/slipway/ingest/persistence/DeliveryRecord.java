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
import java.util.List;
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

    /** The payload's {@code action} (opened, synchronize, closed, …) for a pull_request; null for other events. */
    public String action;

    /** The number of the pull request a pull_request delivery is about; null for other events. */
    @Column(name = "pull_request")
    public Integer pullRequest;

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

    /** The branch of an accepted push or a teardown (a pull request's head branch); null for other deliveries. */
    public String branch;

    /** The app and environment an accepted push deployed to or a teardown tore down; null for other deliveries. */
    public String app;

    public String environment;

    /** True when {@code environment} is the preview environment of a branch or a pull request. */
    @Column(nullable = false)
    public boolean preview;

    /**
     * True while this accepted delivery is the one that started {@code environment} on {@code commitSha}: until a
     * newer commit starts there or the environment is torn down. A unique index lets one delivery at a time hold it.
     */
    @Column(name = "holds_commit", nullable = false)
    public boolean holdsCommit;

    /** The newest delivery that deployed or tore down the preview environment {@code environment}, if any did. */
    public static Optional<DeliveryRecord> lastPreview(String repository, String environment) {
        return find("preview = true and outcome in ?1 and lower(repository) = ?2 and environment = ?3"
                        + " order by receivedAt desc",
                List.of(DeliveryOutcome.ACCEPTED, DeliveryOutcome.TEARDOWN), repository.toLowerCase(Locale.ROOT),
                environment).firstResultOptional();
    }

    /** The delivery that started {@code environment} on {@code commitSha} and still holds it, if one does. */
    public static Optional<DeliveryRecord> holderOf(String repository, String environment, String commitSha) {
        return find("holdsCommit = true and lower(repository) = ?1 and environment = ?2 and commitSha = ?3",
                repository.toLowerCase(Locale.ROOT), environment, commitSha).firstResultOptional();
    }

    /**
     * Lets go of the other commits {@code environment} was started on: they are no longer what it runs, so a later
     * delivery of one of them starts it again.
     */
    public static void releaseOtherCommits(String repository, String environment, String keptCommit) {
        update("holdsCommit = false where holdsCommit = true and lower(repository) = ?1 and environment = ?2"
                + " and commitSha <> ?3", repository.toLowerCase(Locale.ROOT), environment, keptCommit);
    }

    /** Lets go of every commit {@code environment} was started on: it is torn down, so any commit starts it again. */
    public static void releaseCommits(String repository, String environment) {
        update("holdsCommit = false where holdsCommit = true and lower(repository) = ?1 and environment = ?2",
                repository.toLowerCase(Locale.ROOT), environment);
    }

    /**
     * Inserts this row unless the delivery is already recorded or, when it {@link #holdsCommit holds its commit},
     * another delivery holds that commit. Atomic in the database (a concurrent insert is waited for), so two copies
     * of one delivery, or two deliveries of one commit, arriving at once still produce one row that holds it.
     *
     * @return true when this call recorded it
     */
    public boolean insertIfNew() {
        return Panache.getEntityManager().createNativeQuery("""
                        insert into {h-schema}delivery
                            (delivery_id, event, repository, received_at, outcome, reason, commit_sha, event_id,
                             branch, app, environment, preview, action, pull_request, holds_commit)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                        on conflict do nothing""")
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
                .setParameter(13, action)
                .setParameter(14, pullRequest)
                .setParameter(15, holdsCommit)
                .executeUpdate() == 1;
    }
}

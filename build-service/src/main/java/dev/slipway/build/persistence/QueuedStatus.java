package dev.slipway.build.persistence;

import dev.slipway.build.domain.CommitState;
import dev.slipway.build.domain.StatusDelivery;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A commit status for GitHub, queued with the build change it reports and sent from here (FR-002). */
@Entity
@Table(name = "commit_status")
public class QueuedStatus extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "build_number", nullable = false)
    public long buildNumber;

    /** GitHub's {@code owner/name}. */
    @Column(nullable = false)
    public String repository;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    @Column(nullable = false)
    public String context;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommitState state;

    @Column(nullable = false)
    public String description;

    @Column(name = "target_url", nullable = false)
    public String targetUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StatusDelivery delivery;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "queued_at", nullable = false)
    public OffsetDateTime queuedAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    public static List<QueuedStatus> ofBuild(long buildNumber) {
        return list("buildNumber = ?1 order by id", buildNumber);
    }

    /** The contexts of a build whose newest state is pending, in the order they were first set. */
    public static List<String> openContexts(long buildNumber) {
        Map<String, CommitState> newest = new LinkedHashMap<>();
        for (QueuedStatus status : ofBuild(buildNumber)) {
            newest.put(status.context, status.state);
        }
        return newest.entrySet().stream().filter(e -> e.getValue() == CommitState.PENDING).map(Map.Entry::getKey).toList();
    }

    /**
     * The oldest status due to be sent, locked; one another sender holds is skipped. A status waits while an older
     * one of the same commit and context is unsent (even one waiting to be tried again): GitHub shows a context's
     * newest status, so they must reach it in the order they were set.
     */
    public static Optional<QueuedStatus> lockNextDue(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<QueuedStatus> found = getEntityManager().createNativeQuery(
                        "select * from {h-schema}commit_status s where s.delivery = 'QUEUED' and s.next_attempt_at <= ?1"
                                + " and not exists (select 1 from {h-schema}commit_status o where o.delivery = 'QUEUED'"
                                + " and o.repository = s.repository and o.commit_sha = s.commit_sha"
                                + " and o.context = s.context and o.id < s.id)"
                                + " order by s.id limit 1 for update skip locked", QueuedStatus.class)
                .setParameter(1, now)
                .getResultList();
        return found.stream().findFirst();
    }

    /** Deletes the sent and failed statuses queued before {@code cutoff}; queued ones are kept however old. */
    public static long purgeDone(OffsetDateTime cutoff) {
        return delete("delivery <> ?1 and queuedAt < ?2", StatusDelivery.QUEUED, cutoff);
    }

    public static Optional<QueuedStatus> lockById(long id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}

package dev.slipway.build.persistence;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.events.EventMetadata;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** One build of one pushed commit: a job row that workers claim, and its result. */
@Entity
@Table(name = "build_job")
public class BuildJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "build_number")
    @SequenceGenerator(name = "build_number", sequenceName = "build_number_seq", allocationSize = 1)
    public Long number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BuildStatus status;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String environment;

    /** True when {@code environment} is the branch's preview environment rather than one slipway.yml declares. */
    @Column(nullable = false)
    public boolean preview;

    @Column(nullable = false)
    public String repository;

    @Column(name = "clone_url", nullable = false)
    public String cloneUrl;

    @Column(nullable = false)
    public String branch;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    @Column(name = "commit_message")
    public String commitMessage;

    public String pusher;

    @Column(name = "trigger_event_id", nullable = false, unique = true)
    public String triggerEventId;

    @Column(name = "trigger_source", nullable = false)
    public String triggerSource;

    @Column(name = "trigger_time", nullable = false)
    public OffsetDateTime triggerTime;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "queued_at", nullable = false)
    public OffsetDateTime queuedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failed_component")
    public String failedComponent;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The pull request this build runs for; null for a push to a branch. */
    @Column(name = "pull_request")
    public Integer pullRequest;

    /** True when the commit comes from a fork's pull request: it is deployed without the environment's secrets. */
    @Column(name = "from_fork", nullable = false)
    public boolean fromFork;

    /** Why the build was cancelled; null unless it was. */
    @Column(name = "cancel_reason")
    public String cancelReason;

    /** The commit whose build replaced this one; null unless it was cancelled. */
    @Column(name = "superseded_by")
    public String supersededBy;

    /**
     * The PushReceived this build answers, as far as answering it needs: its id (causation), correlation and
     * commit. Its own causation is not kept; nothing that answers it reads that.
     */
    public EventMetadata trigger() {
        return new EventMetadata(triggerEventId, URI.create(triggerSource), triggerTime, app + "/" + environment,
                correlationId, null, commitSha);
    }

    public static Optional<BuildJob> byTrigger(String eventId) {
        return find("triggerEventId", eventId).firstResultOptional();
    }

    /** The oldest queued build, locked; builds other workers hold are skipped, not waited for. */
    public static Optional<BuildJob> claimOldestQueued() {
        @SuppressWarnings("unchecked")
        List<BuildJob> found = getEntityManager().createNativeQuery(
                        "select * from {h-schema}build_job where status = 'QUEUED' order by number limit 1 for update skip locked",
                        BuildJob.class)
                .getResultList();
        return found.stream().findFirst();
    }

    /**
     * The builds of one environment that have not ended (queued, or running), oldest first, locked: a worker
     * that is claiming or finishing one is waited for.
     */
    public static List<BuildJob> lockUnfinished(String app, String environment) {
        @SuppressWarnings("unchecked")
        List<BuildJob> found = getEntityManager().createNativeQuery(
                        "select * from {h-schema}build_job where app = ?1 and environment = ?2"
                                + " and status in ('QUEUED', 'RUNNING') order by number for update",
                        BuildJob.class)
                .setParameter(1, app)
                .setParameter(2, environment)
                .getResultList();
        return found;
    }

    /** Running builds whose heartbeat is older than {@code cutoff}, locked, skipping those being handled. */
    public static List<BuildJob> lockStale(OffsetDateTime cutoff) {
        @SuppressWarnings("unchecked")
        List<BuildJob> found = getEntityManager().createNativeQuery(
                        "select * from {h-schema}build_job where status = 'RUNNING' and heartbeat_at < ?1 order by number for update skip locked",
                        BuildJob.class)
                .setParameter(1, cutoff)
                .getResultList();
        return found;
    }

    /** Newest first; {@code app} null for every app. */
    public static List<BuildJob> newest(String app, int limit) {
        return (app == null ? BuildJob.<BuildJob>find("order by number desc")
                : BuildJob.<BuildJob>find("app = ?1 order by number desc", app))
                .page(0, limit).list();
    }
}

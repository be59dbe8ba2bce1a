package dev.slipway.verify.persistence;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.verify.domain.RunResult;
import dev.slipway.verify.domain.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The health checks of one deployed release, run after its DeploySucceeded: a job driven from this row (it is due at
 * {@code nextCheckAt}; a worker claims it with a token and a heartbeat), so a restart resumes it.
 */
@Entity
@Table(name = "health_run")
public class HealthRun extends PanacheEntityBase {
    private static final List<RunStatus> UNFINISHED =
            Arrays.stream(RunStatus.values()).filter(s -> !s.isTerminal()).toList();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public long version;

    @Column(name = "cause_event_id", nullable = false, unique = true)
    public String causeEventId;

    @Column(name = "cause_source", nullable = false)
    public String causeSource;

    @Column(name = "cause_time", nullable = false)
    public OffsetDateTime causeTime;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Enumerated(EnumType.STRING)
    public RunResult result;

    /** Set by each claim; a worker whose token was replaced has lost the run and stops. */
    @Column(name = "claim_token")
    public String claimToken;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The end of the bake window: the run passes once a check at or after it passes too. */
    @Column(name = "bake_until", nullable = false)
    public OffsetDateTime bakeUntil;

    /** When the run is due to be checked (again); null once it has ended. */
    @Column(name = "next_check_at")
    public OffsetDateTime nextCheckAt;

    /** Checks of the release concluded so far (each probes every component check of the run). */
    @Column(name = "checks_run", nullable = false)
    public int checksRun;

    /** The DeploySucceeded this run answers, as {@link Envelope#answering} needs it. */
    public EventMetadata cause() {
        return new EventMetadata(causeEventId, URI.create(causeSource), causeTime, app + "/" + environment,
                correlationId, null, commitSha);
    }

    /**
     * Locks the unfinished run that has been due the longest ({@code next_check_at <= now}) and is not being checked
     * by a worker: unclaimed, or claimed by one without a heartbeat since {@code staleBefore} (it died).
     */
    public static Optional<HealthRun> lockNextDue(OffsetDateTime now, OffsetDateTime staleBefore) {
        return HealthRun.<HealthRun>find("status in ?1 and nextCheckAt <= ?2"
                        + " and (claimToken is null or heartbeatAt < ?3) order by nextCheckAt, id",
                        UNFINISHED, now, staleBefore)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED: another worker has it
                .firstResultOptional();
    }

    /** Locks the unfinished runs of an environment, oldest first. */
    public static List<HealthRun> lockUnfinished(String app, String environment) {
        return HealthRun.<HealthRun>find("app = ?1 and environment = ?2 and status in ?3 order by id",
                        app, environment, UNFINISHED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public static Optional<HealthRun> lockById(long id) {
        return HealthRun.<HealthRun>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<HealthRun> newest(String app, String environment, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (app != null) {
            query.append(" and app = :app");
            parameters.and("app", app);
        }
        if (environment != null) {
            query.append(" and environment = :environment");
            parameters.and("environment", environment);
        }
        return HealthRun.<HealthRun>find(query + " order by id desc", parameters).page(0, limit).list();
    }
}

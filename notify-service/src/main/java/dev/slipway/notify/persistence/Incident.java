package dev.slipway.notify.persistence;

import dev.slipway.notify.domain.IncidentStatus;
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
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One rollback outcome and its report: opened by EventRecorder, reported by IncidentWorker once due. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The RollbackCompleted or RollbackFailed that opened it; one incident per rollback outcome. */
    @Column(name = "rollback_event_id", nullable = false, unique = true)
    public String rollbackEventId;

    @Column(name = "rollback_event_type", nullable = false)
    public String rollbackEventType;

    @Column(name = "rollback_correlation_id", nullable = false)
    public String rollbackCorrelationId;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public boolean restored;

    @Column(name = "from_version")
    public Long fromVersion;

    @Column(name = "to_version")
    public Long toVersion;

    public String trigger;

    public String reason;

    public String failure;

    @Column(name = "rolled_back_at", nullable = false)
    public OffsetDateTime rolledBackAt;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;

    @Column(name = "report_due_at", nullable = false)
    public OffsetDateTime reportDueAt;

    @Column(name = "report_attempts", nullable = false)
    public int reportAttempts;

    /** Why the last attempt at building the report failed. */
    @Column(name = "report_error")
    public String reportError;

    /** The report as JSON ({@link dev.slipway.notify.domain.IncidentReport}). */
    @Column(columnDefinition = "json")
    @ColumnTransformer(write = "?::json")
    public String report;

    /** The report's Slack message. */
    @Column(name = "report_text")
    public String reportText;

    @Column(name = "reported_at")
    public OffsetDateTime reportedAt;

    public static boolean exists(String rollbackEventId) {
        return Incident.count("rollbackEventId", rollbackEventId) > 0;
    }

    /** Locks the pending incident whose report has been due longest; one another worker holds is skipped. */
    public static Optional<Incident> lockNextDue(OffsetDateTime now) {
        return Incident.<Incident>find("status = ?1 and reportDueAt <= ?2 order by reportDueAt, id",
                        IncidentStatus.REPORT_PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .firstResultOptional();
    }

    public static Optional<Incident> lockById(long id) {
        return Incident.<Incident>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<Incident> newest(String app, String environment, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (app != null) {
            values.add(app);
            where.add("app = ?" + values.size());
        }
        if (environment != null) {
            values.add(environment);
            where.add("environment = ?" + values.size());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id desc";
        return Incident.<Incident>find(query, values.toArray()).page(0, limit).list();
    }
}

package dev.slipway.verify.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** One HTTP GET of a check, kept so a person can see how it behaved attempt by attempt. */
@Entity
@Table(name = "health_check_attempt")
public class HealthCheckAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "check_id", nullable = false)
    public long checkId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    public String error;

    @Column(nullable = false)
    public boolean passed;

    public static List<HealthCheckAttempt> ofChecks(Collection<Long> checkIds) {
        return checkIds.isEmpty() ? List.of()
                : HealthCheckAttempt.<HealthCheckAttempt>find("checkId in ?1 order by checkId, attempt", checkIds).list();
    }
}

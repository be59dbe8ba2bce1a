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

    /** Which of the run's checks (1, 2, ...) this attempt belongs to. */
    @Column(name = "check_round", nullable = false)
    public int checkRound;

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

    /** The start of the answer's body, null when no answer came. */
    public String output;

    /** The attempts of each check's latest check round (the one its observation is from). */
    public static List<HealthCheckAttempt> latestOfChecks(Collection<Long> checkIds) {
        return checkIds.isEmpty() ? List.of() : HealthCheckAttempt.<HealthCheckAttempt>find("from HealthCheckAttempt a"
                + " where a.checkId in ?1 and a.checkRound = (select c.checkRound from HealthCheck c where c.id = a.checkId)"
                + " order by a.checkId, a.attempt", checkIds).list();
    }
}

package dev.slipway.verify.persistence;

import dev.slipway.events.CheckObservation;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * One component check of a run with its last attempt's observation, from the run's check number {@code checkRound};
 * {@code passed} is null while that check is still attempting it.
 */
@Entity
@Table(name = "health_check")
public class HealthCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public long runId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public String url;

    @Column(name = "expected_status", nullable = false)
    public int expectedStatus;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "latency_ms")
    public Long latencyMs;

    public String error;

    public Boolean passed;

    /** Which of the run's checks (1, 2, ...) the observation is from; 0 before the first. */
    @Column(name = "check_round", nullable = false)
    public int checkRound;

    /** The start of the last answer's body, null when no answer came. */
    public String output;

    /** Whether this component has been concluded in the run's check number {@code round}. */
    public boolean concludedIn(int round) {
        return checkRound == round && passed != null;
    }

    public CheckObservation observation() {
        return new CheckObservation(component, url, expectedStatus, httpStatus,
                latencyMs == null ? null : Duration.ofMillis(latencyMs), error, attempts, Boolean.TRUE.equals(passed),
                output);
    }

    public static List<HealthCheck> ofRun(long runId) {
        return HealthCheck.<HealthCheck>find("runId = ?1 order by position", runId).list();
    }

    public static List<HealthCheck> ofRuns(Collection<Long> runIds) {
        return runIds.isEmpty() ? List.of()
                : HealthCheck.<HealthCheck>find("runId in ?1 order by runId, position", runIds).list();
    }
}

package dev.slipway.build.persistence;

import dev.slipway.build.domain.StepStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** One step of a build, with the output it wrote, so a failure can be read after the workspace is gone. */
@Entity
@Table(name = "build_step")
public class BuildStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "build_number", nullable = false)
    public long buildNumber;

    /** Order of the step within its build. */
    @Column(nullable = false)
    public int position;

    /** Null for the steps of the whole build (clone, config). */
    public String component;

    /** {@code Step.id()}: clone, config, test, coverage, build or package. */
    @Column(nullable = false)
    public String step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Convert(converter = DurationMillis.class)
    @Column(name = "duration_ms")
    public Duration duration;

    public String reason;

    @Column(nullable = false, columnDefinition = "text")
    public String log = "";

    public static List<BuildStep> ofBuild(long buildNumber) {
        return list("buildNumber = ?1 order by position", buildNumber);
    }

    /** Adds output to the log of a step still running; once it ended, its final log stays as it is. */
    public static void appendLog(long id, String text) {
        getEntityManager().createNativeQuery(
                        "update {h-schema}build_step set log = log || ?1 where id = ?2 and status = 'RUNNING'")
                .setParameter(1, text)
                .setParameter(2, id)
                .executeUpdate();
    }
}

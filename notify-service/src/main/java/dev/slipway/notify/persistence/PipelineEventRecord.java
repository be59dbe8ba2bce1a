package dev.slipway.notify.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A pipeline event notify-service has seen, from any topic: the history incident reports are built from. */
@Entity
@Table(name = "pipeline_event")
public class PipelineEventRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    /** The CloudEvents type string. */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public OffsetDateTime time;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String environment;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Column(name = "causation_id")
    public String causationId;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    public Long version;

    @Column(nullable = false)
    public String summary;

    /** The event's data as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String data;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    public static Optional<PipelineEventRecord> byEventId(String eventId) {
        return PipelineEventRecord.<PipelineEventRecord>find("eventId", eventId).firstResultOptional();
    }

    public static Optional<PipelineEventRecord> latest(String app, String environment, String type, long version) {
        return PipelineEventRecord.<PipelineEventRecord>find(
                        "app = ?1 and environment = ?2 and type = ?3 and version = ?4 order by time desc, id desc",
                        app, environment, type, version)
                .firstResultOptional();
    }

    public static List<PipelineEventRecord> ofCorrelations(Collection<String> correlationIds) {
        return correlationIds.isEmpty() ? List.of() : PipelineEventRecord.<PipelineEventRecord>find(
                "correlationId in ?1 order by time, id", correlationIds).list();
    }

    /** The newest event of these types about {@code app/environment} at or before {@code at}. */
    public static Optional<PipelineEventRecord> latestOf(String app, String environment, Collection<String> types,
                                                         OffsetDateTime at) {
        return PipelineEventRecord.<PipelineEventRecord>find(
                        "app = ?1 and environment = ?2 and type in ?3 and time <= ?4 order by time desc, id desc",
                        app, environment, types, at)
                .firstResultOptional();
    }
}

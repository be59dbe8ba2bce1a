package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.RollbackStatus;
import dev.slipway.events.EventMetadata;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.OffsetDateTime;

/** A request to switch an environment back to a release it ran before, and what came of it. */
@Entity
@Table(name = "rollback")
public class Rollback extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "environment_id")
    public Environment environment;

    /** As asked; null for the release live before the current one. */
    @Column(name = "requested_version")
    public Long requestedVersion;

    /** Roll back only while this version is live (a policy reacting to its failure); null for whatever is live. */
    @Column(name = "only_if_live")
    public Long onlyIfLive;

    /** Resolved when the rollback runs; null if it was refused before that. */
    @Column(name = "from_version")
    public Long fromVersion;

    @Column(name = "to_version")
    public Long toVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RollbackStatus status;

    /** Why it was asked for, in the requester's words. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** Why nothing was switched; null unless FAILED. */
    public String failure;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The RollbackRequested this rollback answers. */
    @Column(name = "cause_event_id", nullable = false)
    public String causeEventId;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    /** The commit live when it was asked. */
    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    public String app() {
        return environment.app;
    }

    public String environmentName() {
        return environment.name;
    }

    /** The RollbackStarted it emitted; null until it started. */
    @Column(name = "started_event_id")
    public String startedEventId;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    /** The RollbackStarted it emitted, as the cause of how it ended. */
    public EventMetadata startedEvent(URI source, String commitSha) {
        return new EventMetadata(startedEventId, source, startedAt, app() + "/" + environmentName(), correlationId,
                causeEventId, commitSha);
    }

    /** The request as the cause of what this rollback emits, about {@code commitSha}. */
    public EventMetadata requestedEvent(URI source, String commitSha) {
        return new EventMetadata(causeEventId, source, requestedAt, app() + "/" + environmentName(), correlationId,
                null, commitSha);
    }
}

package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An app's environment (production, staging, ...), created by its first deployment. */
@Entity
@Table(name = "environment")
public class Environment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String name;

    /** The highest version handed out; only changed with this row locked. */
    @Column(name = "last_version", nullable = false)
    public long lastVersion;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The deployment {@code current} serves, set on every switch (deploy or rollback); null before the first. */
    @Column(name = "live_deployment_id")
    public Long liveDeploymentId;

    /** Since when a rollback holds the environment on its release; null when its lane runs. */
    @Column(name = "pinned_at")
    public OffsetDateTime pinnedAt;

    @Column(name = "pinned_reason")
    public String pinnedReason;

    public long takeNextVersion() {
        lastVersion++;
        return lastVersion;
    }
}

package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.TargetSettingsJson;
import dev.slipway.events.TargetSettings;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

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

    /** The variables the newest build for this environment declared, as JSON; what a promotion deploys with. */
    @Column(nullable = false)
    public String variables = "{}";

    /** Environments (comma-separated) a commit must have passed before it deploys here; empty for none. */
    @Column(nullable = false)
    public String requires = "";

    /** A branch's preview environment, torn down when the branch is deleted. */
    @Column(nullable = false)
    public boolean preview;

    /** Where its releases go, as JSON ({@link TargetSettingsJson}), from its newest build; null for {@code local}. */
    @Column(name = "target_settings")
    public String targetSettings;

    @Column(name = "teardown_requested_at")
    public OffsetDateTime teardownRequestedAt;

    @Column(name = "teardown_reason")
    public String teardownReason;

    @Column(name = "torn_down_at")
    public OffsetDateTime tornDownAt;

    public TargetSettings targetSettings() {
        return TargetSettingsJson.fromJson(targetSettings);
    }

    public List<String> requiredEnvironments() {
        return requires.isBlank() ? List.of() : List.of(requires.split(","));
    }

    public long takeNextVersion() {
        lastVersion++;
        return lastVersion;
    }
}

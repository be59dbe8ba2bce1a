package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.TargetSettingsJson;
import dev.slipway.events.TargetSettings;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.events.EventMetadata;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One version of an app deployed (or being deployed) to one environment, with what caused it. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "environment_id")
    public Environment environment;

    @Column(nullable = false)
    public long version;

    @Column(name = "commit_sha", nullable = false)
    public String commitSha;

    @Column(name = "build_number", nullable = false)
    public long buildNumber;

    public String branch;

    @Column(nullable = false)
    public String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeploymentStatus status;

    /** Why the deployment failed or was superseded; null unless FAILED or SUPERSEDED. */
    public String reason;

    @Enumerated(EnumType.STRING)
    public HealthResult health;

    @Column(name = "health_summary")
    public String healthSummary;

    @Column(name = "health_at")
    public OffsetDateTime healthAt;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The BuildSucceeded this deployment answers. */
    @Column(name = "cause_event_id", nullable = false)
    public String causeEventId;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Column(name = "requested_event_id", nullable = false)
    public String requestedEventId;

    @Column(name = "started_event_id")
    public String startedEventId;

    /** What asked for it, for people: {@code push to main by alice}, {@code promoted from staging v4 by bob}. */
    @Column(nullable = false)
    public String trigger;

    /** The environment's variables when it was recorded, as JSON. */
    @Column(name = "config_variables", nullable = false)
    public String configVariables = "{}";

    /** The environment's secrets when it started, sealed as one JSON object; null before it starts. */
    @Column(name = "config_secrets")
    public byte[] configSecrets;

    /** Where it goes, as JSON ({@link TargetSettingsJson}); null for the {@code local} target. */
    @Column(name = "target_settings")
    public String targetSettings;

    /** True for a fork's pull request: it runs without the environment's secrets. */
    @Column(name = "withhold_secrets", nullable = false)
    public boolean withholdSecrets;

    /** The edge slot it was started in (blue or green); null until then. */
    public String slot;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "deployment_component", joinColumns = @JoinColumn(name = "deployment_id"))
    @OrderColumn(name = "position")
    public List<DeploymentComponent> components = new ArrayList<>();

    public String app() {
        return environment.app;
    }

    public String environmentName() {
        return environment.name;
    }

    public TargetSettings targetSettings() {
        return TargetSettingsJson.fromJson(targetSettings);
    }

    public void setComponents(List<ReleaseComponent> released) {
        components = new ArrayList<>(released.stream().map(DeploymentComponent::of).toList());
    }

    /** The release as recorded, running with {@code config}: its configuration snapshot, once opened. */
    public Release release(RuntimeConfig config) {
        return new Release(app(), environmentName(), version, commitSha, branch, buildNumber,
                components.stream().map(DeploymentComponent::toRelease).toList(), config, targetSettings());
    }

    /** The DeployRequested this deployment emitted, as the cause of DeployStarted. */
    public EventMetadata requestedEvent(URI source) {
        return emitted(requestedEventId, source, requestedAt);
    }

    /** The DeployStarted this deployment emitted, as the cause of DeploySucceeded / DeployFailed. */
    public EventMetadata startedEvent(URI source) {
        return emitted(startedEventId, source, startedAt);
    }

    private EventMetadata emitted(String eventId, URI source, OffsetDateTime time) {
        return new EventMetadata(eventId, source, time, app() + "/" + environmentName(), correlationId,
                null, commitSha);
    }
}

package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.ComponentKind;
import dev.slipway.deploy.domain.Digest;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.events.HealthCheckSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A component of a deployment as it was built: its artifact, how it runs and its health check. */
@Embeddable
public class DeploymentComponent {

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ComponentKind kind;

    @Column(name = "artifact_digest", nullable = false)
    public String artifactDigest;

    @Column(name = "artifact_size", nullable = false)
    public long artifactSize;

    @Column(name = "health_path")
    public String healthPath;

    @Column(name = "health_expected_status")
    public Integer healthExpectedStatus;

    public String run;

    public String route;

    public String migrate;

    static DeploymentComponent of(ReleaseComponent component) {
        DeploymentComponent c = new DeploymentComponent();
        c.name = component.name();
        c.kind = component.kind();
        c.artifactDigest = component.artifact().toString();
        c.artifactSize = component.artifactSize();
        if (component.health() != null) {
            c.healthPath = component.health().path();
            c.healthExpectedStatus = component.health().expectedStatus();
        }
        c.run = component.run();
        c.route = component.route();
        c.migrate = component.migrate();
        return c;
    }

    ReleaseComponent toRelease() {
        HealthCheckSpec health = healthPath == null ? null : new HealthCheckSpec(healthPath, healthExpectedStatus);
        return new ReleaseComponent(name, kind, Digest.parse(artifactDigest), artifactSize, health, run, route, migrate);
    }
}

package dev.slipway.deploy.domain;

import dev.slipway.events.BuiltComponent;
import dev.slipway.events.HealthCheckSpec;

import java.util.Objects;

/**
 * One component of a release: what was built and how to check it.
 *
 * @param health null when the component declares no health check
 */
public record ReleaseComponent(String name, ComponentKind kind, Digest artifact, long artifactSize,
                               HealthCheckSpec health) {

    public ReleaseComponent {
        Names.require(name, "component name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(artifact, "artifact");
    }

    /** Reads a component from a BuildSucceeded, rejecting what cannot be deployed with a clear reason. */
    public static ReleaseComponent of(BuiltComponent built) {
        try {
            return new ReleaseComponent(built.name(), ComponentKind.parse(built.kind()),
                    Digest.parse(built.artifactDigest()), built.artifactSize(), built.health());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("component '" + built.name() + "': " + e.getMessage(), e);
        }
    }
}

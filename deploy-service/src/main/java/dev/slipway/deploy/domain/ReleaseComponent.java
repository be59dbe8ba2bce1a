package dev.slipway.deploy.domain;

import dev.slipway.events.BuiltComponent;
import dev.slipway.events.HealthCheckSpec;

import java.util.Objects;

/**
 * One component of a release: what was built, how it runs and how to check it.
 *
 * @param health  null when the component declares no health check
 * @param run     for services: the command that starts it in its folder, with {@code PORT} set
 * @param route   for services: the path under the environment's URL it answers at, e.g. {@code /api}
 * @param migrate null when the component has no migration to run before the switch
 */
public record ReleaseComponent(String name, ComponentKind kind, Digest artifact, long artifactSize,
                               HealthCheckSpec health, String run, String route, String migrate) {

    public ReleaseComponent {
        Names.require(name, "component name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(artifact, "artifact");
        if (kind == ComponentKind.SERVICE) {
            if (run == null || run.isBlank()) {
                throw new IllegalArgumentException("a service needs the command that starts it (run)");
            }
            if (route == null || !route.startsWith("/") || route.equals("/") || route.contains("..")) {
                throw new IllegalArgumentException("a service needs a route such as /api, got " + route);
            }
        }
    }

    /** Reads a component from a BuildSucceeded, rejecting what cannot be deployed with a clear reason. */
    public static ReleaseComponent of(BuiltComponent built) {
        try {
            return new ReleaseComponent(built.name(), ComponentKind.parse(built.kind()),
                    Digest.parse(built.artifactDigest()), built.artifactSize(), built.health(), built.run(),
                    built.route(), built.migrate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("component '" + built.name() + "': " + e.getMessage(), e);
        }
    }

    /** Where the component answers below an environment's (or slot's) base URL, ending in {@code /}. */
    public String mountPath() {
        return kind == ComponentKind.SERVICE ? route.substring(1) + "/" : "";
    }
}

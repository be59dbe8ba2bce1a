package dev.slipway.deploy.domain;

import dev.slipway.events.ComponentCheck;
import dev.slipway.events.TargetSettings;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one deployment puts live: every component of one build, as one unit, with the configuration it runs with.
 *
 * @param target where it goes; null for the embedded {@code local} target
 */
public record Release(String app, String environment, long version, String commitSha, String branch,
                      long buildNumber, List<ReleaseComponent> components, RuntimeConfig config,
                      TargetSettings target) {

    /** A release for the {@code local} target. */
    public Release(String app, String environment, long version, String commitSha, String branch, long buildNumber,
                   List<ReleaseComponent> components, RuntimeConfig config) {
        this(app, environment, version, commitSha, branch, buildNumber, components, config, null);
    }

    public Release {
        Names.require(app, "app");
        Names.require(environment, "environment");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
        components = List.copyOf(components);
        config = Objects.requireNonNullElse(config, RuntimeConfig.EMPTY);
        Set<String> names = new HashSet<>();
        Set<String> routes = new HashSet<>();
        for (ReleaseComponent c : components) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("component '" + c.name() + "' appears twice");
            }
            if (c.kind() == ComponentKind.SERVICE && !routes.add(c.route())) {
                throw new IllegalArgumentException("route " + c.route() + " is taken by two services");
            }
        }
        List<String> sites = components.stream().filter(c -> c.kind() == ComponentKind.STATIC)
                .map(ReleaseComponent::name).toList();
        if (sites.size() > 1) {
            throw new IllegalArgumentException("only one static component can be served at the environment's root,"
                    + " got " + sites);
        }
    }

    public List<ReleaseComponent> staticComponents() {
        return components.stream().filter(c -> c.kind() == ComponentKind.STATIC).toList();
    }

    public List<ReleaseComponent> services() {
        return components.stream().filter(c -> c.kind() == ComponentKind.SERVICE).toList();
    }

    /** The same release with another configuration (a rollback runs with the snapshot it first ran with). */
    public Release withConfig(RuntimeConfig other) {
        return new Release(app, environment, version, commitSha, branch, buildNumber, components, other, target);
    }

    /**
     * The environment of the release's processes (services and migrations): its configuration and the same
     * {@code SLIPWAY_*} variables its build had, with {@code SLIPWAY_VERSION} the release's version.
     */
    public Map<String, String> processEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(config.merged());
        env.put("SLIPWAY_APP", app);
        env.put("SLIPWAY_ENVIRONMENT", environment);
        env.put("SLIPWAY_VERSION", Long.toString(version));
        env.put("SLIPWAY_COMMIT_SHA", commitSha);
        env.put("SLIPWAY_BRANCH", Objects.requireNonNullElse(branch, ""));
        env.put("SLIPWAY_BUILD_NUMBER", Long.toString(buildNumber));
        return env;
    }

    /**
     * The health checks of every component that declares one, against {@code base} (the environment's URL, or a
     * slot's preview URL): static components at the root, services under their route.
     */
    public List<ComponentCheck> checks(URI base) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return components.stream().filter(c -> c.health() != null)
                .map(c -> new ComponentCheck(c.name(), root + c.mountPath() + c.health().path().replaceFirst("^/+", ""),
                        c.health().expectedStatus()))
                .toList();
    }
}

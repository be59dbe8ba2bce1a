package dev.slipway.deploy.domain;

import dev.slipway.events.ComponentCheck;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one deployment puts live: every component of one build, as one unit. */
public record Release(String app, String environment, long version, List<ReleaseComponent> components) {

    public Release {
        Names.require(app, "app");
        Names.require(environment, "environment");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
        components = List.copyOf(components);
        Set<String> seen = new HashSet<>();
        for (ReleaseComponent c : components) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("component '" + c.name() + "' appears twice");
            }
        }
    }

    public List<ReleaseComponent> staticComponents() {
        return components.stream().filter(c -> c.kind() == ComponentKind.STATIC).toList();
    }

    /**
     * The health checks verify-service should run once this release is live at {@code url}: one per static
     * component that declares one (services are not run yet, so they are not checked).
     */
    public List<ComponentCheck> checks(URI url) {
        String base = url.toString();
        return staticComponents().stream().filter(c -> c.health() != null)
                .map(c -> new ComponentCheck(c.name(), base + c.health().path().replaceFirst("^/+", ""),
                        c.health().expectedStatus()))
                .toList();
    }
}

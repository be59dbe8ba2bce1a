package dev.slipway.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An environment and the branch whose pushes deploy to it.
 *
 * @param variables plain configuration for the environment's services and migrations, in the file's order;
 *                  secrets are set with {@code slipway secret set}, never here
 * @param requires  environments a commit must have passed before it deploys here
 * @param health    health checks of some components in this environment, instead of the ones they declare
 * @param target    where its releases go; null for the embedded {@code local} target
 */
public record EnvironmentSpec(String name, String branch, Map<String, String> variables, List<String> requires,
                              Map<String, HealthCheck> health, TargetSpec target) {

    public EnvironmentSpec {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        requires = List.copyOf(requires);
        health = Collections.unmodifiableMap(new LinkedHashMap<>(health));
    }
}

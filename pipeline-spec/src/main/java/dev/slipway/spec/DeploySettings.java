package dev.slipway.spec;

import java.util.List;
import java.util.Map;

/**
 * What {@code slipway.yml} says a deploy to one environment must use.
 *
 * @param requires environments the commit must have passed first; always empty for previews
 * @param preview  true for a branch's preview environment
 * @param health   health checks this environment sets for some components instead of theirs, by component name
 * @param target   where the release goes; null for the embedded {@code local} target
 */
public record DeploySettings(Map<String, String> variables, List<String> requires, boolean preview,
                             Map<String, HealthCheck> health, TargetSpec target) {

    public DeploySettings {
        variables = Map.copyOf(variables);
        requires = List.copyOf(requires);
        health = Map.copyOf(health);
    }

    /** The component's health check in this environment: the environment's own, else the component's. */
    public HealthCheck healthOf(String component, HealthCheck declared) {
        return health.getOrDefault(component, declared);
    }
}

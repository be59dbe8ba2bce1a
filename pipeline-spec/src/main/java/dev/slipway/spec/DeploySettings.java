package dev.slipway.spec;

import java.util.List;
import java.util.Map;

/**
 * What {@code slipway.yml} says a deploy to one environment must use.
 *
 * @param requires environments the commit must have passed first; always empty for previews
 * @param preview  true for a branch's preview environment
 */
public record DeploySettings(Map<String, String> variables, List<String> requires, boolean preview) {

    public DeploySettings {
        variables = Map.copyOf(variables);
        requires = List.copyOf(requires);
    }
}

package dev.slipway.events;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code slipway.yml} says about the environment a build deploys to. Secrets are never here: they are set
 * through deploy-service's API and stay encrypted there.
 *
 * @param variables plain configuration given to the environment's services and migrations
 * @param requires  environments a commit must have passed (deployed and healthy) before it deploys here
 * @param preview   true for a branch's preview environment, which is torn down when the branch is deleted
 * @param withholdSecrets true when the commit comes from a fork's pull request: it deploys without the
 *                        environment's secrets
 * @param target    where the release goes; null for the embedded {@code local} target
 */
public record EnvironmentSettings(Map<String, String> variables, List<String> requires, boolean preview,
                                  boolean withholdSecrets, TargetSettings target) {
    public static final EnvironmentSettings NONE = new EnvironmentSettings(Map.of(), List.of(), false);

    public EnvironmentSettings {
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(variables));
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /** Settings of a trusted commit for the {@code local} target. */
    public EnvironmentSettings(Map<String, String> variables, List<String> requires, boolean preview) {
        this(variables, requires, preview, false, null);
    }
}

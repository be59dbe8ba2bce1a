package dev.slipway.events;

import java.util.List;

/**
 * Every component of the commit was tested and built.
 *
 * @param settings the environment's settings from the commit's {@code slipway.yml}, as the deploy must use them
 */
public record BuildSucceeded(String app, String environment, long buildNumber, String repository, String branch,
                             List<BuiltComponent> components, EnvironmentSettings settings)
        implements PipelineEvent {
    public BuildSucceeded {
        components = List.copyOf(components);
        settings = settings == null ? EnvironmentSettings.NONE : settings;
    }
}

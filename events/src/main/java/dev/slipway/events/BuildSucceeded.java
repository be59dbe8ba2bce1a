package dev.slipway.events;

import java.util.List;

public record BuildSucceeded(String app, String environment, long buildNumber, String repository, String branch,
                             List<BuiltComponent> components) implements PipelineEvent {
    public BuildSucceeded {
        components = List.copyOf(components);
    }
}

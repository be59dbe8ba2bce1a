package dev.slipway.events;

import java.time.Duration;
import java.util.List;

/** The release is live: the environment's URL serves it. */
public record DeploySucceeded(String app, String environment, long version, String url, Duration took,
                              List<ComponentCheck> checks) implements PipelineEvent {
    public DeploySucceeded {
        checks = List.copyOf(checks);
    }
}

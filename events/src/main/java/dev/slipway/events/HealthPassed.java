package dev.slipway.events;

import java.util.List;

public record HealthPassed(String app, String environment, long version, List<CheckObservation> observations)
        implements PipelineEvent {
    public HealthPassed {
        observations = List.copyOf(observations);
    }
}

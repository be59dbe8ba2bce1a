package dev.slipway.events;

import java.util.List;

/** A health result, not an error: the checks ran and at least one did not pass. */
public record HealthFailed(String app, String environment, long version, List<CheckObservation> observations)
        implements PipelineEvent {
    public HealthFailed {
        observations = List.copyOf(observations);
    }
}

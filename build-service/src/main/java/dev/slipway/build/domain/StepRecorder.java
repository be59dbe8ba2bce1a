package dev.slipway.build.domain;

import java.time.Duration;

/** Told about every step as it starts and ends, so a build can be followed and its log shown later. */
public interface StepRecorder {

    /** @param component null for the steps of the whole build (clone, config) */
    void started(String component, Step step);

    void finished(String component, Step step, StageResult<?> result, Duration took);
}

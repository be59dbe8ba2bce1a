package dev.slipway.build.domain;

import java.nio.file.Path;
import java.time.Duration;

/** Told about every step as it starts and ends, so a build can be followed and its log shown later. */
public interface StepRecorder {

    /**
     * @param component null for the steps of the whole build (clone, config)
     * @param output    the file the step's processes write their output to as they run, to be followed with
     *                  {@link GrowingLog}; null for a step that runs none
     */
    void started(String component, Step step, Path output);

    void finished(String component, Step step, StageResult<?> result, Duration took);
}

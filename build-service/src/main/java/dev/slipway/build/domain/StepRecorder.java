package dev.slipway.build.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Told about every step as it starts and ends, so a build can be followed and its log shown later. */
public interface StepRecorder {

    /**
     * @param component null for the steps of the whole build (clone, config)
     * @param output    the file the step's processes write their output to as they run, to be followed with
     *                  {@link GrowingLog}; null for a step that runs none
     */
    void started(String component, Step step, Path output);

    void finished(String component, Step step, StageResult<?> result, Duration took);

    /** The commit's {@code slipway.yml} was read: these components will be built, in this order. */
    void configured(List<String> components);

    /** One component passed all its steps; the others may still be running. */
    void componentBuilt(ComponentResult component);
}

package dev.slipway.events;

import java.util.List;

/**
 * A build that did not produce a deployable release.
 *
 * @param component the failing component, null when the failure is not a component's (config, clone)
 * @param step      config | clone | test | coverage | build | image | scan | push | package
 * @param reason    what a person can act on: the step, exit code, coverage against threshold, config line
 * @param logTail   the last lines of the failing step's log, secrets masked
 */
public record BuildFailed(String app, String environment, long buildNumber, String repository, String branch,
                          String component, String step, String reason, List<String> logTail)
        implements PipelineEvent {
    public BuildFailed {
        logTail = List.copyOf(logTail);
    }
}

package dev.slipway.build.domain;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a build works on: the pushed commit and where it came from, and its own workspace folder.
 *
 * @param preview   true when the push deploys to the branch's preview environment rather than a declared one
 * @param workspace a folder only this build uses; emptied before and deleted after the build
 * @param fromFork  true when the commit comes from a fork's pull request: its code is not the team's, so nothing
 *                  is pushed to the team's registry in its name
 */
public record BuildContext(long number, String app, String environment, boolean preview, String branch,
                           String commitSha, String cloneUrl, Path workspace, boolean fromFork) {

    /** The variables test and build commands see, e.g. to stamp the version into what they build. */
    public Map<String, String> stepVariables() {
        return Map.of(
                "SLIPWAY_COMMIT_SHA", commitSha,
                "SLIPWAY_BRANCH", branch,
                "SLIPWAY_ENVIRONMENT", environment,
                "SLIPWAY_APP", app,
                "SLIPWAY_VERSION", version(),
                "SLIPWAY_BUILD_NUMBER", Long.toString(number));
    }

    /** The release's version: its build number (FR-013). */
    public String version() {
        return Long.toString(number);
    }
}

package dev.slipway.verify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "slipway.verify")
public interface VerifyConfig {

    /** How long one HTTP GET of a check may take before it counts as timed out. */
    @WithDefault("2s")
    Duration timeout();

    /** Attempts per check while it does not pass. */
    @WithDefault("3")
    int attempts();

    /** Wait before the second attempt; doubles before each further one. */
    @WithDefault("500ms")
    Duration backoff();

    /** A running run without a heartbeat for this long is taken to be abandoned (e.g. a restart) and resumed. */
    @WithDefault("60s")
    Duration staleAfter();

    /** How often an idle worker looks for runs it was not woken for (stale ones, another instance's). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Runs checked at the same time, so one slow environment does not hold up the others. */
    @WithDefault("2")
    int workers();

    /**
     * After the first check passed, the run keeps checking the release until this long after it went live (its
     * DeploySucceeded); a failure inside the window fails it. 0s: the first passing check passes the run.
     */
    @WithDefault("30s")
    Duration bakeWindow();

    /** How often a release is checked again during its bake window; must be positive. */
    @WithDefault("2s")
    Duration bakeInterval();

    /**
     * Policy: a release whose health checks fail after it went live (its first check or one inside the bake window)
     * is rolled back (RollbackRequested).
     */
    @WithDefault("true")
    boolean rollbackOnFailure();
}

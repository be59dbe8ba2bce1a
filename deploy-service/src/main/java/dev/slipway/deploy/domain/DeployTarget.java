package dev.slipway.deploy.domain;

import dev.slipway.events.TargetSettings;

import java.net.URI;
import java.util.OptionalLong;

/**
 * Where releases go. A deploy is {@link #prepare} (may fail, changes nothing that is live) and then one
 * {@link #switchTo} (atomic: the environment serves the old release or the new one, never a mix).
 */
public interface DeployTarget {

    /**
     * The URL an environment is served at.
     *
     * @param settings the environment's target settings, null for {@code local}
     */
    URI environmentUrl(String app, String environment, TargetSettings settings);

    /**
     * Puts the release in place beside what is live, runs its migrations and checks every component's health
     * there; the environment keeps serving what it served.
     */
    PreparedRelease prepare(Release release, DeployLog log);

    /**
     * Makes a release that went live before ready again, exactly as it ran, with nothing downloaded, rebuilt or
     * migrated: what a rollback switches to. Instant when the release is still warm.
     */
    PreparedRelease restore(Release release, DeployLog log);

    /** Whether {@link #restore} can bring the release back. */
    boolean isKept(Release release);

    /**
     * Makes a prepared release live in one step.
     *
     * @throws DeployException              when nothing was switched: the environment serves what it served
     * @throws SwitchOutcomeUnknownException when the target could not say whether it switched
     */
    void switchTo(PreparedRelease prepared);

    /** Stops a prepared release that will not be switched to. */
    void discard(PreparedRelease prepared);

    /**
     * The version the environment of {@code release} serves now, if any, asked with the release's settings and
     * tokens: how a deploy cut short by a restart is resolved.
     */
    OptionalLong liveVersion(Release release);

    /** Whether the environment serves this release now with all of its processes running. */
    boolean isServing(Release release);

    /** Stops and removes everything the environment runs and serves. */
    void tearDown(String app, String environment, TargetSettings settings, RuntimeConfig config);
}

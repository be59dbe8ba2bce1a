package dev.slipway.deploy.domain;

import java.net.URI;
import java.util.Optional;

/**
 * Where releases go. A deploy is {@link #prepare} (may fail, changes nothing that is live) and then one
 * {@link #switchTo} (atomic: the environment serves the old release or the new one, never a mix).
 */
public interface DeployTarget {

    /** The name carried in DeployRequested / DeployStarted, e.g. {@code local}. */
    String name();

    /** The URL an environment is served at. */
    URI environmentUrl(String app, String environment);

    /** Puts the release in place beside what is live; the environment keeps serving what it served. */
    PreparedRelease prepare(Release release);

    /** Makes a prepared release live in one step. */
    void switchTo(PreparedRelease prepared);

    /**
     * The release as an earlier deploy put it in place, if it is still there: what a rollback switches back
     * to, exactly as it ran, with nothing downloaded or rebuilt.
     */
    Optional<PreparedRelease> kept(Release release);

    /** Whether the environment serves this version now; how a deploy cut short by a restart is resolved. */
    boolean isLive(String app, String environment, long version);
}

package dev.slipway.ingest.domain;

/**
 * What becomes of an opened or updated pull request from a fork ({@code slipway.ingest.fork-pull-requests}). A build
 * runs the pull request's own steps as the build service's user, able to read what that user can, so a stranger's
 * code is only built where the operator has isolated builds.
 */
public enum ForkPullRequests {
    /** Recorded as ignored, with the reason; closing one still tears down a preview it has. */
    IGNORE,
    /** Built and previewed like the repository's own, without secrets, from the fork's repository on the same host. */
    BUILD;

    public static final String PROPERTY = "slipway.ingest.fork-pull-requests";
}

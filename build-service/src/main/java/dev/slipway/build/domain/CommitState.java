package dev.slipway.build.domain;

import java.util.Locale;

/** The states of a GitHub commit status, as its API names them ({@link #apiName()}). */
public enum CommitState {
    PENDING,
    SUCCESS,
    /** The commit was built and found wanting: a test, the coverage gate, the image or its scan. */
    FAILURE,
    /** The commit could not be built (clone, config, build-service stopped) or its build was cancelled. */
    ERROR;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

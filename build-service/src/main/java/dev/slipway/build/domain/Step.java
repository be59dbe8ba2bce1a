package dev.slipway.build.domain;

import java.util.Locale;

/** The steps of a build; {@link #id()} is the name {@code BuildFailed.step} carries. */
public enum Step {
    CLONE,
    CONFIG,
    TEST,
    COVERAGE,
    BUILD,
    /** Builds a service's container image (FR-012) and checks its size. */
    IMAGE,
    /** Runs the image's {@code scan:} command. */
    SCAN,
    /** Pushes the image's tags and records its digest. */
    PUSH,
    PACKAGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

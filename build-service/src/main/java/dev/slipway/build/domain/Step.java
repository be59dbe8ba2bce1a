package dev.slipway.build.domain;

import java.util.Locale;

/** The steps of a build; {@link #id()} is the name {@code BuildFailed.step} carries. */
public enum Step {
    CLONE,
    CONFIG,
    TEST,
    COVERAGE,
    BUILD,
    PACKAGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

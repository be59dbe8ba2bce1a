package dev.slipway.deploy.domain;

import java.util.Arrays;
import java.util.Locale;

/** How a component is deployed, as {@code kind:} in slipway.yml. */
public enum ComponentKind {
    /** Files served from the environment's URL. */
    STATIC,
    /** A process; recorded with the release but not run yet. */
    SERVICE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComponentKind parse(String value) {
        return Arrays.stream(values()).filter(k -> k.label().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "component kind must be 'static' or 'service', got '" + value + "'"));
    }
}

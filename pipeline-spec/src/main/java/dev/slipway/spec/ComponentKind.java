package dev.slipway.spec;

public enum ComponentKind {
    /** Files served as they are, e.g. a built frontend. */
    STATIC,
    /** A backend process started with {@code run:} on a port. */
    SERVICE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

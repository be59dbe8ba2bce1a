package dev.slipway.spec;

/**
 * A container image built from a service's folder and pushed to a registry (FR-012).
 *
 * @param repository where it is pushed, e.g. {@code ghcr.io/acme/shop-backend}; tagged with the version and the
 *                   commit SHA
 * @param dockerfile relative to the component's path
 * @param scan       a command that checks the built image ({@code SLIPWAY_IMAGE} names it); its failure blocks
 *                   the deploy; null when none
 * @param optional   true when a machine without a container engine may skip the image instead of failing
 */
public record ImageSpec(String repository, String dockerfile, String scan, boolean optional) {
    /** Images over this are refused: they deploy slowly and usually carry a build toolchain by mistake. */
    public static final long MAX_BYTES = 2L * 1024 * 1024 * 1024;
}

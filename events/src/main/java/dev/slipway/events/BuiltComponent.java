package dev.slipway.events;

/**
 * One component's build output.
 *
 * @param artifactDigest content address in the build-service artifact store, {@code sha256:<hex>}
 * @param coverage       line coverage in percent, null when the component declares no report
 * @param health         null when the component declares no health check
 * @param run            for services: the command that starts it in its output folder ({@code PORT} is given)
 * @param route          for services: the path under the environment's URL it is reached at, e.g. {@code /api}
 * @param migrate        the command run against the environment's configuration before the switch; null when none
 * @param image          the container image pushed for it, {@code registry/name@sha256:<hex>}; null when none
 */
public record BuiltComponent(String name, String kind, String artifactDigest, long artifactSize,
                             Double coverage, HealthCheckSpec health, String run, String route, String migrate,
                             String image) {

    /** A component built without a container image. */
    public BuiltComponent(String name, String kind, String artifactDigest, long artifactSize, Double coverage,
                          HealthCheckSpec health, String run, String route, String migrate) {
        this(name, kind, artifactDigest, artifactSize, coverage, health, run, route, migrate, null);
    }
}

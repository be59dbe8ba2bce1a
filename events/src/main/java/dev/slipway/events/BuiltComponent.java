package dev.slipway.events;

/**
 * One component's build output.
 *
 * @param artifactDigest content address in the build-service artifact store, {@code sha256:<hex>}
 * @param coverage       line coverage in percent, null when the component declares no report
 * @param health         null when the component declares no health check
 */
public record BuiltComponent(String name, String kind, String artifactDigest, long artifactSize,
                             Double coverage, HealthCheckSpec health) {
}

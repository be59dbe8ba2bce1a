package dev.slipway.build.domain;

import dev.slipway.spec.ComponentKind;
import dev.slipway.spec.ComponentSpec;
import dev.slipway.spec.HealthCheck;

/**
 * One component, tested and built, with what deploying it takes.
 *
 * @param tested   true when the component declares tests, which passed
 * @param coverage line coverage in percent, null when the component declares no report
 * @param health   null when the component declares no health check
 * @param run      for services: the command that starts it; null for static components
 * @param route    for services: the path it is reached at under the environment's URL; null for static components
 * @param migrate  the command run before the switch; null when none
 * @param image    the container image pushed for it, {@code registry/name@sha256:<hex>}; null when none was
 */
public record ComponentResult(String name, ComponentKind kind, StoredArtifact artifact, boolean tested, Double coverage,
                              HealthCheck health, String run, String route, String migrate, String image) {

    static ComponentResult of(ComponentSpec spec, StoredArtifact artifact, Double coverage, String image) {
        return new ComponentResult(spec.name(), spec.kind(), artifact, spec.test() != null, coverage, spec.health(),
                spec.run(), spec.route(), spec.migrate(), image);
    }
}

package dev.slipway.build.domain;

import dev.slipway.spec.ComponentKind;
import dev.slipway.spec.ComponentSpec;
import dev.slipway.spec.HealthCheck;

/**
 * One component, tested and built, with what deploying it takes.
 *
 * @param coverage line coverage in percent, null when the component declares no report
 * @param health   null when the component declares no health check
 * @param run      for services: the command that starts it; null for static components
 * @param route    for services: the path it is reached at under the environment's URL; null for static components
 * @param migrate  the command run before the switch; null when none
 */
public record ComponentResult(String name, ComponentKind kind, StoredArtifact artifact, Double coverage,
                              HealthCheck health, String run, String route, String migrate) {

    static ComponentResult of(ComponentSpec spec, StoredArtifact artifact, Double coverage) {
        return new ComponentResult(spec.name(), spec.kind(), artifact, coverage, spec.health(), spec.run(), spec.route(),
                spec.migrate());
    }
}

package dev.slipway.build.domain;

import dev.slipway.spec.ComponentKind;
import dev.slipway.spec.HealthCheck;

/**
 * One component, tested and built.
 *
 * @param coverage line coverage in percent, null when the component declares no report
 * @param health   null when the component declares no health check
 */
public record ComponentResult(String name, ComponentKind kind, StoredArtifact artifact, Double coverage,
                              HealthCheck health) {
}

package dev.slipway.spec;

/**
 * The coverage report a component's tests write and the minimum line coverage it must reach (FR-011).
 *
 * @param report path of the report relative to the component's folder (lcov, Cobertura XML or JaCoCo XML)
 * @param min    minimum line coverage in percent
 */
public record CoverageGate(String report, double min) {
    public static final double DEFAULT_MIN = 70.0;
}

package dev.slipway.build.domain;

/**
 * Line coverage as a report states it.
 *
 * @param covered lines executed at least once
 * @param total   lines that could be executed
 */
public record LineCoverage(CoverageFormat format, long covered, long total) {

    public LineCoverage {
        if (covered < 0 || total < 0 || covered > total) {
            throw new IllegalArgumentException("covered " + covered + " of " + total + " lines is not a coverage");
        }
    }

    /** Percent of lines covered, rounded to two decimals as reports and events show it. */
    public double percent() {
        if (total == 0) {
            throw new IllegalStateException("a report without lines has no coverage percentage");
        }
        return Math.round(covered * 10_000.0 / total) / 100.0;
    }
}

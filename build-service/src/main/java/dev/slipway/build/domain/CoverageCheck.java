package dev.slipway.build.domain;

import dev.slipway.spec.CoverageGate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/** The coverage stage: reads the report the tests wrote and holds line coverage against the minimum (FR-011). */
public final class CoverageCheck {

    /** @param reportShown the report's path as the person knows it, relative to the repository */
    public record Input(String component, CoverageGate gate, Path report, String reportShown) {
    }

    private CoverageCheck() {
    }

    /** Succeeds with the line coverage in percent. */
    public static StageResult<Double> run(Input input) throws IOException {
        if (!Files.isRegularFile(input.report())) {
            return failed("coverage report of " + input.component() + " not found at " + input.reportShown()
                    + ": the test command must write it there");
        }
        LineCoverage coverage;
        try {
            coverage = CoverageReports.read(input.report());
        } catch (CoverageReportException e) {
            return failed("coverage report " + input.reportShown() + " of " + input.component()
                    + " cannot be read: " + e.getMessage());
        }
        if (coverage.total() == 0) {
            return failed("coverage report " + input.reportShown() + " of " + input.component()
                    + " lists no source lines: did the tests run?");
        }
        double percent = coverage.percent();
        String summary = coverage.format().label() + " report " + input.reportShown() + ": " + coverage.covered()
                + " of " + coverage.total() + " lines covered, " + number(percent) + " %; minimum " + number(input.gate().min()) + " %\n";
        if (percent < input.gate().min()) {
            return new StageResult.Failed<>("coverage of " + input.component() + " is " + number(percent)
                    + " % of lines, under the threshold of " + number(input.gate().min()) + " %", null, summary,
                    "coverage " + number(percent) + " % is under " + number(input.gate().min()) + " %");
        }
        return StageResult.succeeded(percent, summary);
    }

    private static StageResult<Double> failed(String reason) {
        return StageResult.failed(reason, reason + "\n");
    }

    /** 61.5, 70, 92.31: as few digits as the value needs. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

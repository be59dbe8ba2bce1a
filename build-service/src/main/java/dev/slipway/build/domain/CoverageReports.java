package dev.slipway.build.domain;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a coverage report of any supported format, telling the format from the content. */
public final class CoverageReports {
    private static final int SNIFF_BYTES = 4096;

    private CoverageReports() {
    }

    public static LineCoverage read(Path report) throws IOException, CoverageReportException {
        CoverageFormat format = detect(report);
        return switch (format) {
            case LCOV -> {
                try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
                    yield LcovParser.parse(reader);
                }
            }
            case COBERTURA -> {
                try (InputStream in = Files.newInputStream(report)) {
                    yield CoberturaParser.parse(in);
                }
            }
            case JACOCO -> {
                try (InputStream in = Files.newInputStream(report)) {
                    yield JacocoParser.parse(in);
                }
            }
        };
    }

    static CoverageFormat detect(Path report) throws IOException, CoverageReportException {
        String start;
        try (InputStream in = Files.newInputStream(report)) {
            start = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        }
        if (start.startsWith("<")) {
            String root;
            try (InputStream in = Files.newInputStream(report)) {
                XMLStreamReader reader = SafeXml.reader(in);
                try {
                    root = SafeXml.root(reader);
                } finally {
                    reader.close();
                }
            } catch (XMLStreamException e) {
                throw new CoverageReportException("the report is XML but not well-formed: " + e.getMessage(), e);
            }
            return switch (root) {
                case "coverage" -> CoverageFormat.COBERTURA;
                case "report" -> CoverageFormat.JACOCO;
                default -> throw new CoverageReportException("the report is XML with the root <" + root
                        + ">, neither Cobertura (<coverage>) nor JaCoCo (<report>)");
            };
        }
        if (start.lines().anyMatch(l -> l.startsWith("SF:") || l.startsWith("TN:"))) {
            return CoverageFormat.LCOV;
        }
        throw new CoverageReportException("the report is neither lcov, Cobertura XML nor JaCoCo XML");
    }
}

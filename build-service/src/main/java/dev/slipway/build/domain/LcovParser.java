package dev.slipway.build.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads line coverage from an lcov tracefile. Counts {@code DA} records per source file, merging records
 * of the same file (several test runs); a record without {@code DA} lines counts by its {@code LF}/{@code LH}.
 */
public final class LcovParser {

    private LcovParser() {
    }

    public static LineCoverage parse(Reader source) throws IOException, CoverageReportException {
        Map<String, SourceFile> files = new HashMap<>();
        SourceFile current = null;
        BufferedReader reader = new BufferedReader(source);
        int lineNumber = 0;
        for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
            lineNumber++;
            String line = raw.strip();
            if (line.startsWith("SF:")) {
                current = files.computeIfAbsent(line.substring(3), f -> new SourceFile());
            } else if (line.equals("end_of_record")) {
                current = null;
            } else if (line.startsWith("DA:") || line.startsWith("LF:") || line.startsWith("LH:")) {
                if (current == null) {
                    throw new CoverageReportException("lcov line " + lineNumber + ": '" + line + "' outside a source file record (SF:)");
                }
                current.add(line, lineNumber);
            }
        }
        if (files.isEmpty()) {
            throw new CoverageReportException("no source file records (SF:) found: not an lcov report");
        }
        long covered = 0;
        long total = 0;
        for (SourceFile file : files.values()) {
            if (file.hits.isEmpty()) {
                total += file.linesFound;
                covered += Math.min(file.linesHit, file.linesFound);
            } else {
                total += file.hits.size();
                covered += file.hits.values().stream().filter(h -> h > 0).count();
            }
        }
        return new LineCoverage(CoverageFormat.LCOV, covered, total);
    }

    private static final class SourceFile {
        final Map<Long, Long> hits = new TreeMap<>();
        long linesFound;
        long linesHit;

        void add(String line, int lineNumber) throws CoverageReportException {
            String value = line.substring(3);
            try {
                switch (line.substring(0, 2)) {
                    case "DA" -> {
                        String[] parts = value.split(",");
                        if (parts.length < 2) {
                            throw new NumberFormatException();
                        }
                        hits.merge(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()), Long::sum);
                    }
                    case "LF" -> linesFound += Long.parseLong(value.strip());
                    default -> linesHit += Long.parseLong(value.strip());
                }
            } catch (NumberFormatException e) {
                throw new CoverageReportException("lcov line " + lineNumber + ": malformed record '" + line + "'");
            }
        }
    }
}

package dev.slipway.build.domain;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;

/** Reads line coverage from a JaCoCo XML report: the {@code LINE} counter of the whole report. */
public final class JacocoParser {

    private JacocoParser() {
    }

    public static LineCoverage parse(InputStream in) throws CoverageReportException {
        try {
            XMLStreamReader reader = SafeXml.reader(in);
            try {
                String root = SafeXml.root(reader);
                if (!root.equals("report")) {
                    throw new CoverageReportException("JaCoCo XML has the root <report>, this report has <" + root + ">");
                }
                int depth = 1;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamReader.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && reader.getLocalName().equals("counter")
                                && "LINE".equals(reader.getAttributeValue(null, "type"))) {
                            long missed = SafeXml.longAttribute(reader, "missed", CoverageFormat.JACOCO);
                            long covered = SafeXml.longAttribute(reader, "covered", CoverageFormat.JACOCO);
                            return new LineCoverage(CoverageFormat.JACOCO, covered, covered + missed);
                        }
                    } else if (event == XMLStreamReader.END_ELEMENT) {
                        depth--;
                    }
                }
                // JaCoCo leaves out the report's counters when it analysed no class.
                return new LineCoverage(CoverageFormat.JACOCO, 0, 0);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new CoverageReportException("JaCoCo XML is not well-formed: " + e.getMessage(), e);
        }
    }
}

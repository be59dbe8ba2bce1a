package dev.slipway.build.domain;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads line coverage from a Cobertura XML report: the root's {@code lines-covered}/{@code lines-valid}
 * when present, otherwise the {@code <line>} elements of every class (not those repeated under methods),
 * each source line counted once.
 */
public final class CoberturaParser {

    private CoberturaParser() {
    }

    public static LineCoverage parse(InputStream in) throws CoverageReportException {
        try {
            XMLStreamReader reader = SafeXml.reader(in);
            try {
                String root = SafeXml.root(reader);
                if (!root.equals("coverage")) {
                    throw new CoverageReportException("Cobertura XML has the root <coverage>, this report has <" + root + ">");
                }
                if (reader.getAttributeValue(null, "lines-valid") != null && reader.getAttributeValue(null, "lines-covered") != null) {
                    return new LineCoverage(CoverageFormat.COBERTURA,
                            SafeXml.longAttribute(reader, "lines-covered", CoverageFormat.COBERTURA),
                            SafeXml.longAttribute(reader, "lines-valid", CoverageFormat.COBERTURA));
                }
                return countClassLines(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new CoverageReportException("Cobertura XML is not well-formed: " + e.getMessage(), e);
        }
    }

    private static LineCoverage countClassLines(XMLStreamReader reader) throws XMLStreamException, CoverageReportException {
        Map<String, Long> hitsByLine = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        path.push("coverage");
        String file = "";
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                String name = reader.getLocalName();
                if (name.equals("class")) {
                    String filename = reader.getAttributeValue(null, "filename");
                    file = filename == null ? reader.getAttributeValue(null, "name") : filename;
                } else if (name.equals("line") && "lines".equals(path.peek()) && isUnderClass(path)) {
                    String number = reader.getAttributeValue(null, "number");
                    hitsByLine.merge(file + ":" + number, SafeXml.longAttribute(reader, "hits", CoverageFormat.COBERTURA), Math::max);
                }
                path.push(name);
            } else if (event == XMLStreamReader.END_ELEMENT) {
                path.pop();
            }
        }
        long covered = hitsByLine.values().stream().filter(h -> h > 0).count();
        return new LineCoverage(CoverageFormat.COBERTURA, covered, hitsByLine.size());
    }

    /** True for {@code class > lines}; false for {@code method > lines}, which repeats lines of its class. */
    private static boolean isUnderClass(Deque<String> path) {
        var it = path.iterator();
        it.next();
        return it.hasNext() && it.next().equals("class");
    }
}

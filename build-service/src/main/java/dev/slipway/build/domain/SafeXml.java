package dev.slipway.build.domain;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;

/**
 * StAX readers for reports written by the repository's own tools, which are untrusted input: no DTD is
 * processed and no external entity or DTD is ever fetched. Cobertura and JaCoCo reports declare a DOCTYPE,
 * so it is skipped rather than refused.
 */
final class SafeXml {

    private SafeXml() {
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        // The JDK's own implementation, so a StAX provider elsewhere on the class path cannot change these rules.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory.createXMLStreamReader(in);
    }

    /** Moves to the root element and returns its name. */
    static String root(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamReader.START_ELEMENT) {
                return reader.getLocalName();
            }
        }
        throw new XMLStreamException("the document has no root element");
    }

    static long longAttribute(XMLStreamReader reader, String name, CoverageFormat format) throws CoverageReportException {
        String value = reader.getAttributeValue(null, name);
        if (value == null) {
            throw new CoverageReportException(format.label() + ": <" + reader.getLocalName() + "> at line "
                    + reader.getLocation().getLineNumber() + " has no " + name + " attribute");
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new CoverageReportException(format.label() + ": " + name + "=\"" + value + "\" at line "
                    + reader.getLocation().getLineNumber() + " is not a whole number");
        }
    }
}

package org.vigil.cluster.pacemaker;

import java.io.StringReader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigil.core.ParseException;

/**
 * StAX for Pacemaker's XML (crm_mon output, the CIB): no DTD, no external or internal entities.
 * Neither format ever has a DOCTYPE, so one is refused before the reader sees it (the JDK's
 * reader prints internal noise on stderr for some cut DOCTYPEs even with DTD support off).
 */
final class HardenedXml {
  /** Configured once: the JDK's factory lookup is costly, and a configured factory is reusable. */
  private static final XMLInputFactory FACTORY = factory();

  private HardenedXml() {}

  private static XMLInputFactory factory() {
    // The JDK's own StAX implementation, without newFactory()'s lookup (system property,
    // jaxp.properties, ServiceLoader) that costs start-up time on every run.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    return factory;
  }

  /** A reader over {@code text}, or a ParseException at the line of a DOCTYPE. */
  static XMLStreamReader reader(String text, String source)
      throws ParseException, XMLStreamException {
    int doctype = text.indexOf("<!DOCTYPE");
    if (doctype >= 0) {
      throw new ParseException(source, lineOf(text, doctype), "<!DOCTYPE", "DOCTYPE not allowed");
    }
    return FACTORY.createXMLStreamReader(new StringReader(text));
  }

  /** The 1-based line of {@code text} that offset {@code index} is on. */
  static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** {@code malformed XML: WHY}, without the JDK reader's "ParseError at [row,col]" preamble. */
  static String malformed(XMLStreamException e) {
    String reason = e.getMessage() == null ? "malformed XML" : e.getMessage();
    int msg = reason.indexOf("Message: ");
    if (msg >= 0) {
      reason = reason.substring(msg + "Message: ".length());
    }
    return "malformed XML: " + reason.strip();
  }

  /** The line the reader is on, or 0 when it has none (or there is no reader). */
  static int line(XMLStreamReader reader) {
    Location loc = reader == null ? null : reader.getLocation();
    return loc == null || loc.getLineNumber() < 1 ? 0 : loc.getLineNumber();
  }

  /** The line of an error, or {@code otherwise} when the error has none. */
  static int line(XMLStreamException e, int otherwise) {
    Location loc = e.getLocation();
    return loc != null && loc.getLineNumber() > 0 ? loc.getLineNumber() : otherwise;
  }
}

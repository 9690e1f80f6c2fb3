package org.vigil.cluster.pacemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigil.core.ParseException;

/**
 * The {@code cluster-name} cluster property of a CIB ({@code /var/lib/pacemaker/cib/cib.xml} or
 * {@code cibadmin --query}): the one place the cluster's name is kept, since crm_mon's XML does not
 * carry it.
 *
 * <p>Strict: the root must be {@code <cib>}, a DOCTYPE is refused, and every {@code nvpair
 * name="cluster-name"} in a {@code cluster_property_set} of {@code crm_config} must carry a
 * {@code value} (an {@code id-ref} is not followed) and all must agree: Pacemaker would choose
 * between differing ones by set score and rules, which this reader does not evaluate. Absent
 * (Pacemaker's default) or empty gives {@link Optional#empty()}.
 */
public final class CibClusterName {
  public static final String PROPERTY = "cluster-name";

  private CibClusterName() {}

  /** The cluster name of one CIB document; empty when unset or set to "". */
  public static Optional<String> parse(String text, String source) throws ParseException {
    if (text.isBlank()) {
      throw new ParseException(source, 0, null, "empty input: expected a CIB (<cib>)");
    }
    XMLStreamReader reader = null;
    try {
      reader = HardenedXml.reader(text, source);
      return read(reader, source);
    } catch (XMLStreamException e) {
      throw new ParseException(source, HardenedXml.line(e, 0), null, HardenedXml.malformed(e));
    } catch (RuntimeException e) {
      throw new ParseException(source, HardenedXml.line(reader), null,
          "malformed XML: " + String.valueOf(e.getMessage()));
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing left to report
        }
      }
    }
  }

  private static Optional<String> read(XMLStreamReader reader, String source)
      throws XMLStreamException, ParseException {
    // The path of open elements; only the prefix cib/configuration/crm_config/... matters.
    List<String> path = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int valueLine = 0;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = reader.getLocalName();
        if (path.isEmpty() && !name.equals("cib")) {
          throw new ParseException(source, HardenedXml.line(reader), "<" + name + ">",
              "not a CIB: the root element must be <cib>");
        }
        path.add(name);
        if (path.equals(List.of("cib", "configuration", "crm_config", "cluster_property_set",
            "nvpair")) && PROPERTY.equals(reader.getAttributeValue(null, "name"))) {
          String value = reader.getAttributeValue(null, "value");
          if (value == null) {
            throw new ParseException(source, HardenedXml.line(reader),
                "nvpair name=\"cluster-name\"",
                "cluster-name without a value (an id-ref is not followed)");
          }
          if (!values.isEmpty() && !values.get(0).equals(value)) {
            throw new ParseException(source, HardenedXml.line(reader), value,
                "cluster-name set twice to different values (first '" + values.get(0)
                    + "' on line " + valueLine + "); Pacemaker's choice by set score and rules"
                    + " is not evaluated here");
          }
          if (values.isEmpty()) {
            valueLine = HardenedXml.line(reader);
          }
          values.add(value);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        path.remove(path.size() - 1);
      }
    }
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }
}

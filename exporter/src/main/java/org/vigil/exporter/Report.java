package org.vigil.exporter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.Finding;
import org.vigil.core.PluginOutput;
import org.vigil.core.State;
import org.vigil.core.Subcheck;

/**
 * {@code vigil report}'s two renderings of one {@link Scrape}: text for a person at a terminal
 * (the state is always written out, colour only adds to it) and JSON for scripts.
 */
final class Report {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Report() {}

  /** Where the report was made, for its header. */
  record Node(String hostname, String root) {}

  static String text(Scrape scrape, Node node, boolean colour) {
    StringBuilder out = new StringBuilder();
    State overall = scrape.state();
    out.append("Vigil report for ").append(PluginOutput.text(node.hostname()));
    if (!node.root().equals("/")) {
      out.append(" (from the tree ").append(PluginOutput.text(node.root())).append(')');
    }
    out.append(", ").append(WHEN.format(scrape.at())).append(": ")
        .append(paint(overall.toString(), overall, colour)).append("\n\n");
    List<String> absent = new ArrayList<>();
    for (Scrape.Outcome o : scrape.outcomes()) {
      switch (o.status()) {
        case DISABLED -> out.append(o.collector()).append(": not checked (--no-collector.")
            .append(o.collector()).append(")\n");
        case ABSENT -> {
          out.append(o.collector()).append(": not set up here (looked at ")
              .append(PluginOutput.text(o.lookedAt())).append(")\n");
          absent.add(o.collector());
        }
        case FAILED -> out.append(o.collector()).append(": ")
            .append(paint("UNKNOWN", State.UNKNOWN, colour)).append(" - could not read it: ")
            .append(PluginOutput.text(o.error().orElse(""))).append('\n');
        case COLLECTED -> {
          List<Subcheck> subchecks = o.subchecks();
          out.append(o.collector()).append(": ").append(paint(o.state().toString(), o.state(),
              colour)).append(" (").append(subchecks.size())
              .append(subchecks.size() == 1 ? " object, " : " objects, ")
              .append(PluginOutput.text(o.lookedAt())).append(")\n");
          for (Subcheck sc : subchecks) {
            String tag = "[" + sc.state() + "]";
            out.append("  ").append(paint(tag, sc.state(), colour))
                .append(" ".repeat(Math.max(1, 11 - tag.length())))
                .append(PluginOutput.objectLine(sc)).append('\n');
          }
        }
        default -> throw new IllegalStateException(o.status().toString());
      }
    }
    out.append('\n');
    if (absent.size() == scrape.outcomes().size()) {
      out.append("None of the subsystems Vigil checks is set up on this node.\n");
    }
    out.append("Overall ").append(paint(overall.toString(), overall, colour))
        .append(" (exit ").append(overall.exitCode()).append(").\n");
    return out.toString();
  }

  static String json(Scrape scrape, Node node, String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("vigil_version", version);
    doc.put("hostname", node.hostname());
    doc.put("root", node.root());
    doc.put("at", scrape.at().toString());
    doc.put("status", scrape.state().toString());
    doc.put("exit_code", scrape.state().exitCode());
    List<Object> subsystems = new ArrayList<>();
    for (Scrape.Outcome o : scrape.outcomes()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", o.collector());
      s.put("looked_at", o.lookedAt());
      s.put("outcome", o.status().toString().toLowerCase(java.util.Locale.ROOT));
      s.put("status", o.state().toString());
      s.put("error", o.error().orElse(null));
      List<Object> objects = new ArrayList<>();
      for (Subcheck sc : o.subchecks()) {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("name", sc.name());
        obj.put("status", sc.state().toString());
        obj.put("summary", sc.summary());
        List<Object> findings = new ArrayList<>();
        for (Finding f : sc.findings()) {
          Map<String, Object> finding = new LinkedHashMap<>();
          finding.put("status", f.state().toString());
          finding.put("message", f.message());
          findings.add(finding);
        }
        obj.put("findings", findings);
        objects.add(obj);
      }
      s.put("objects", objects);
      subsystems.add(s);
    }
    doc.put("subsystems", subsystems);
    return JsonWriter.write(doc);
  }

  private static String paint(String text, State state, boolean colour) {
    if (!colour) {
      return text;
    }
    String code = switch (state) {
      case OK -> "32";
      case WARNING -> "33";
      case CRITICAL -> "1;31";
      case UNKNOWN -> "35";
    };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }
}

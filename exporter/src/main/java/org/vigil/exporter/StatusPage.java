package org.vigil.exporter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.vigil.core.Finding;
import org.vigil.core.State;
import org.vigil.core.Subcheck;

/**
 * The exporter's page at {@code /}: this node's health at a glance for a person, from the same
 * reading as the metrics. Self-contained (no external assets), every text escaped, the state
 * always written out (colour only adds to it), one column on a narrow screen.
 */
final class StatusPage {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;
      line-height:1.4;color:#111;background:#fff;overflow-wrap:anywhere}
      h1{font-size:1.4rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
      .state{display:inline-block;min-width:6.5em;padding:0 .4em;border-radius:.25em;
      font-weight:bold;text-align:center;border:1px solid #0003}
      .OK{background:#d4f4d4}.WARNING{background:#fff0b3}.CRITICAL{background:#f8c8c8}
      .UNKNOWN{background:#e6d6f2}.absent{color:#555}
      ul{list-style:none;padding:0;margin:0}li{padding:.35rem 0;border-bottom:1px solid #ddd}
      .name{font-weight:bold}.reason,.since{display:block}.since{color:#555;font-size:.9em}
      footer{margin-top:1.5rem;font-size:.9em}
      """;

  private StatusPage() {}

  static String render(Scrape scrape, Map<String, Instant> since, String hostname,
      String telemetryPath) {
    State overall = scrape.state();
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(overall).append(" - Vigil - ").append(html(hostname))
        .append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n")
        .append("<h1>").append(html(hostname)).append(": ").append(state(overall))
        .append("</h1>\n<p>Read at ").append(WHEN.format(scrape.at()))
        .append(". Reload for a fresh reading.</p>\n");
    for (Scrape.Outcome o : scrape.outcomes()) {
      out.append("<section id=\"").append(o.collector()).append("\">\n<h2>")
          .append(html(o.collector())).append(' ');
      switch (o.status()) {
        case DISABLED -> out.append("<span class=\"absent\">not checked (--no-collector.")
            .append(html(o.collector())).append(")</span></h2>\n");
        case ABSENT -> out.append("<span class=\"absent\">not set up here (looked at ")
            .append(html(o.lookedAt())).append(")</span></h2>\n");
        case FAILED -> out.append(state(State.UNKNOWN)).append("</h2>\n<p>Could not read it: ")
            .append(html(o.error().orElse(""))).append("</p>\n");
        case COLLECTED -> {
          out.append(state(o.state())).append("</h2>\n<ul>\n");
          for (Subcheck sc : o.subchecks()) {
            out.append("<li>").append(state(sc.state())).append(" <span class=\"name\">")
                .append(html(sc.name())).append("</span><span class=\"reason\">")
                .append(html(sc.summary()));
            for (Finding f : sc.problems()) {
              out.append(" &mdash; ").append(html(f.message()));
            }
            out.append("</span>");
            Instant t = since.get(o.collector() + " " + sc.name());
            if (t != null) {
              out.append("<span class=\"since\">").append(sc.state().toString()
                  .toLowerCase(Locale.ROOT)).append(" since ").append(WHEN.format(t))
                  .append("</span>");
            }
            out.append("</li>\n");
          }
          out.append("</ul>\n");
        }
        default -> throw new IllegalStateException(o.status().toString());
      }
      out.append("</section>\n");
    }
    out.append("<footer><a href=\"").append(html(telemetryPath)).append("\">Metrics</a> &middot; ")
        .append("<a href=\"/-/healthy\">Health of the exporter</a></footer>\n</body></html>\n");
    return out.toString();
  }

  private static String state(State s) {
    return "<span class=\"state " + s + "\">" + s + "</span>";
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String html(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}

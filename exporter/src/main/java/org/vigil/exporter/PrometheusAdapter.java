package org.vigil.exporter;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one class that knows the Prometheus client library (simpleclient 0.16): it turns our own
 * {@link MetricFamily} records into {@link Collector.MetricFamilySamples} and has the library
 * write them ({@link #libraryText}). /metrics itself is written by {@link TextRenderer}, which
 * produces the same bytes without the library's per-sample objects and Strings; the library's
 * rendering is the reference it is tested against. Replacing the library (client_java 1.x) means
 * replacing this class only.
 */
final class PrometheusAdapter {
  /** The content type of {@link #text}. */
  static final String CONTENT_TYPE = TextFormat.CONTENT_TYPE_004;

  private PrometheusAdapter() {}

  static List<Collector.MetricFamilySamples> convert(List<MetricFamily> families) {
    List<Collector.MetricFamilySamples> result = new ArrayList<>();
    for (MetricFamily f : families) {
      List<Collector.MetricFamilySamples.Sample> samples = new ArrayList<>();
      for (Sample s : f.samples()) {
        samples.add(new Collector.MetricFamilySamples.Sample(
            f.name(), s.labelNames(), s.labelValues(), s.value()));
      }
      Collector.Type type = f.type() == MetricFamily.Type.COUNTER
          ? Collector.Type.COUNTER : Collector.Type.GAUGE;
      // simpleclient keeps a counter's family name without _total and its samples with it.
      String name = f.type() == MetricFamily.Type.COUNTER
          ? f.name().substring(0, f.name().length() - "_total".length()) : f.name();
      result.add(new Collector.MetricFamilySamples(name, type, f.help(), samples));
    }
    return result;
  }

  /** The text exposition format 0.0.4 of {@code families}, exactly as /metrics serves it. */
  static String text(List<MetricFamily> families) {
    return TextRenderer.render(families, 0).string();
  }

  /**
   * The same text as simpleclient's own TextFormat writes it: the reference {@link TextRenderer}
   * is held to, byte for byte.
   */
  static String libraryText(List<MetricFamily> families) {
    StringWriter out = new StringWriter();
    try {
      TextFormat.write004(out, Collections.enumeration(convert(families)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

package org.vigil.exporter;

import io.prometheus.client.Collector;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one class that knows the Prometheus client library (simpleclient 0.16): it turns our own
 * {@link MetricFamily} records into {@link Collector.MetricFamilySamples}. Replacing the library
 * (client_java 1.x) means replacing this class only.
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
    int samples = families.stream().mapToInt(f -> f.samples().size()).sum();
    BuilderWriter out = new BuilderWriter(4096 + samples * 96);
    try {
      TextFormat.write004(out, Collections.enumeration(convert(families)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.text.toString();
  }

  /**
   * A Writer over a StringBuilder: TextFormat writes label values a character at a time, and
   * StringWriter's StringBuffer takes a lock for every one of them.
   */
  private static final class BuilderWriter extends Writer {
    private final StringBuilder text;

    BuilderWriter(int capacity) {
      text = new StringBuilder(capacity);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) {
      text.append(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      text.append(s, off, off + len);
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

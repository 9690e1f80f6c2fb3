package org.vigil.exporter;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one class that knows the Prometheus client library (simpleclient 0.16): it turns our own
 * {@link MetricFamily} records into {@link Collector.MetricFamilySamples}. Replacing the library
 * (client_java 1.x) means replacing this class and {@link ExporterServer}'s handler only.
 */
final class PrometheusAdapter extends Collector implements Collector.Describable {
  private final Supplier<List<MetricFamily>> source;

  PrometheusAdapter(Supplier<List<MetricFamily>> source) {
    this.source = source;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    return convert(source.get());
  }

  /** Nothing up front: registering must not trigger a scrape of /proc. */
  @Override
  public List<MetricFamilySamples> describe() {
    return List.of();
  }

  static List<MetricFamilySamples> convert(List<MetricFamily> families) {
    List<MetricFamilySamples> result = new ArrayList<>();
    for (MetricFamily f : families) {
      List<MetricFamilySamples.Sample> samples = new ArrayList<>();
      for (Sample s : f.samples()) {
        samples.add(new MetricFamilySamples.Sample(
            f.name(), s.labelNames(), s.labelValues(), s.value()));
      }
      Type type = f.type() == MetricFamily.Type.COUNTER ? Type.COUNTER : Type.GAUGE;
      // simpleclient keeps a counter's family name without _total and its samples with it.
      String name = f.type() == MetricFamily.Type.COUNTER
          ? f.name().substring(0, f.name().length() - "_total".length()) : f.name();
      result.add(new MetricFamilySamples(name, type, f.help(), samples));
    }
    return result;
  }

  /** The text exposition format 0.0.4 of {@code families}, exactly as /metrics serves it. */
  static String text(List<MetricFamily> families) {
    StringWriter out = new StringWriter();
    try {
      TextFormat.write004(out, Collections.enumeration(convert(families)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A registry holding only this adapter (no JVM or process metrics). */
  CollectorRegistry registry() {
    CollectorRegistry registry = new CollectorRegistry();
    registry.register(this);
    return registry;
  }
}

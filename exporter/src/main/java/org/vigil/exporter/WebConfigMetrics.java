package org.vigil.exporter;

import static org.vigil.exporter.MetricFamily.Type.GAUGE;

import java.util.List;
import org.vigil.exporter.web.LiveWebConfig;

/**
 * The exporter's own metrics of its {@code --web.config.file}, named as Prometheus names those
 * of its configuration: a file rewritten with a mistake keeps the previous configuration in force
 * (and one line in the log), and this is how an alert learns of it.
 */
final class WebConfigMetrics {
  static final String SUCCESSFUL = "vigil_web_config_last_reload_successful";
  static final String SUCCESS_TIME = "vigil_web_config_last_reload_success_timestamp_seconds";

  private WebConfigMetrics() {}

  static List<MetricFamily> families(LiveWebConfig.ReloadState state) {
    Families families = new Families()
        .declare(SUCCESSFUL, GAUGE, "1 when the last reload of --web.config.file (or a file it"
            + " names) succeeded, 0 when it failed and the previous configuration stays in force.")
        .declare(SUCCESS_TIME, GAUGE, "When the --web.config.file configuration in force was"
            + " loaded, in seconds since the epoch.");
    families.add(SUCCESSFUL, Sample.of(state.successful() ? 1 : 0));
    families.add(SUCCESS_TIME, Sample.of(state.lastSuccessEpochMillis() / 1e3));
    return families.build();
  }
}

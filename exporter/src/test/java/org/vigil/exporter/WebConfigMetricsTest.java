package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigil.exporter.web.LiveWebConfig;

/** The web configuration's reload state as the exposition shows it. */
class WebConfigMetricsTest {
  static String render(LiveWebConfig.ReloadState state) {
    TextRenderer.Text text = TextRenderer.render(WebConfigMetrics.families(state), 0);
    return new String(text.bytes(), 0, text.length(), StandardCharsets.UTF_8);
  }

  @Test
  void aFailedReloadIsZeroAndKeepsTheTimeOfTheConfigurationInForce() {
    assertThat(render(new LiveWebConfig.ReloadState(false, 1_764_115_200_250L))).isEqualTo("""
        # HELP vigil_web_config_last_reload_successful 1 when the last reload of \
        --web.config.file (or a file it names) succeeded, 0 when it failed and the previous \
        configuration stays in force.
        # TYPE vigil_web_config_last_reload_successful gauge
        vigil_web_config_last_reload_successful 0.0
        # HELP vigil_web_config_last_reload_success_timestamp_seconds When the --web.config.file \
        configuration in force was loaded, in seconds since the epoch.
        # TYPE vigil_web_config_last_reload_success_timestamp_seconds gauge
        vigil_web_config_last_reload_success_timestamp_seconds 1.76411520025E9
        """);
  }

  @Test
  void aGoodReloadIsOne() {
    assertThat(render(new LiveWebConfig.ReloadState(true, 0)))
        .contains("\nvigil_web_config_last_reload_successful 1.0\n")
        .contains("\nvigil_web_config_last_reload_success_timestamp_seconds 0.0\n");
  }
}

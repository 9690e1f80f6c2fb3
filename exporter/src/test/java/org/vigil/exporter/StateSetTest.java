package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.Role;

/** Every state vocabulary is exported as a complete state set built from its enum. */
class StateSetTest {
  @TempDir Path tmp;

  @Test
  void everyStateSetSeriesKeyHasEveryEnumValueExactlyOnceAndOneCurrentState() throws Exception {
    List<MetricFamily> families = new ArrayList<>(
        new DrbdCollector().collect(Roots.sources("degraded")).families());
    families.addAll(new DrbdCollector().collect(Roots.sources("drbd9")).families());
    check(families, DrbdCollector.ROLE, "role", tokens(Role.values(), Role::token), 2 + 1);
    check(families, DrbdCollector.CONNECTION_STATE, "state",
        tokens(ConnectionState.values(), ConnectionState::token), 2 + 2);
    check(families, DrbdCollector.DISK_STATE, "state",
        tokens(DiskState.values(), DiskState::token), 2 + 1);
    check(families, DrbdCollector.PEER_DISK_STATE, "state",
        tokens(DiskState.values(), DiskState::token), 2 + 2);
  }

  private static <E> List<String> tokens(E[] values, java.util.function.Function<E, String> f) {
    return Arrays.stream(values).map(f).toList();
  }

  /** The samples of one family grouped by every label but {@code stateLabel}. */
  static Map<List<String>, List<Sample>> byKey(List<MetricFamily> families, String name,
      String stateLabel) {
    Map<List<String>, List<Sample>> result = new LinkedHashMap<>();
    families.stream().filter(f -> f.name().equals(name)).flatMap(f -> f.samples().stream())
        .forEach(s -> {
          List<String> key = new ArrayList<>();
          for (int i = 0; i < s.labelNames().size(); i++) {
            if (!s.labelNames().get(i).equals(stateLabel)) {
              key.add(s.labelNames().get(i) + "=" + s.labelValues().get(i));
            }
          }
          result.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        });
    return result;
  }

  /** {@code minKeys}: how many series keys the two fixtures must give at least. */
  private static void check(List<MetricFamily> families, String name, String stateLabel,
      List<String> vocabulary, int minKeys) {
    Map<List<String>, List<Sample>> byKey = byKey(families, name, stateLabel);
    assertThat(byKey).as(name).hasSizeGreaterThanOrEqualTo(minKeys);
    byKey.forEach((key, samples) -> {
      assertThat(samples.stream().map(s -> s.label(stateLabel)).toList())
          .as(name + key).containsExactlyInAnyOrderElementsOf(vocabulary);
      assertThat(samples.stream().filter(s -> s.value() == 1).count()).as(name + key)
          .isEqualTo(1);
      assertThat(samples).as(name + key).allMatch(s -> s.value() == 0 || s.value() == 1);
    });
  }
}

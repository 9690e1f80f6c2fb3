package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the shipped vigil-exporter on 127.0.0.1 against a fixture tree, scraped over HTTP,
 * must give every object the verdict the shipped checks give on the same files — Prometheus and
 * Icinga can never disagree.
 */
class ExporterAgreesWithChecksIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Pattern HEALTH = Pattern.compile(
      "(?m)^vigil_health_status\\{subsystem=\"(?<subsystem>[^\"]+)\",object=\"(?<object>[^\"]+)\",\\}"
          + " (?<value>[0-9.]+)$");
  private static final Pattern LONG_OUTPUT = Pattern.compile(
      "(?m)^\\[(?<state>OK|WARNING|CRITICAL|UNKNOWN)\\] (?<object>.+?): ");
  private static final List<String> STATES = List.of("OK", "WARNING", "CRITICAL", "UNKNOWN");

  @TempDir Path logs;

  @ParameterizedTest
  @ValueSource(strings = {"test-fixtures/trees/degraded-node"})
  void everyObjectHasTheSameVerdictInTheExporterAndInTheChecks(String tree) throws Exception {
    Path root = ROOT.resolve(tree);
    Map<String, String> exported = scrapeHealth(root);
    assertThat(exported.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).distinct())
        .as("the demo tree exercises every collector")
        .containsExactlyInAnyOrder("drbd", "md", "btrfs", "pacemaker", "corosync");

    Map<String, String> checked = new TreeMap<>();
    if (Files.exists(root.resolve("proc/drbd"))) {
      checked.putAll(objects("drbd", check("check_drbd", "--proc-drbd",
          root.resolve("proc/drbd").toString())));
    }
    if (Files.exists(root.resolve("proc/mdstat"))) {
      List<String> argv = new ArrayList<>(List.of("check_raid", "--mdstat",
          root.resolve("proc/mdstat").toString()));
      if (Files.isDirectory(root.resolve("sys"))) {
        argv.addAll(List.of("--sysfs", root.resolve("sys").toString()));
      }
      checked.putAll(objects("md", check(argv.toArray(String[]::new))));
    }
    // One filesystem mounted twice is one object to the exporter (deduplicated by UUID): ask
    // check_raid about exactly the mount points the exporter names.
    for (String key : exported.keySet()) {
      if (key.startsWith("btrfs ")) {
        String mount = key.substring("btrfs ".length());
        checked.put(key, objects("btrfs", check("check_raid", "--btrfs",
            root.resolve("usr/bin/btrfs").toString(), "--btrfs-mount", mount, "--mdstat",
            root.resolve("proc/mdstat").toString())).get(key));
      }
    }
    if (Files.exists(root.resolve("var/lib/pacemaker/cib/cib.xml"))) {
      String out = check("check_cluster",
          "--crm-mon", root.resolve("usr/sbin/crm_mon").toString(),
          "--corosync-quorumtool", root.resolve("usr/sbin/corosync-quorumtool").toString(),
          "--corosync-cfgtool", root.resolve("usr/sbin/corosync-cfgtool").toString());
      // check_cluster reports both stacks; the exporter splits them into two subsystems.
      Map<String, String> both = objects("", out);
      exported.forEach((key, state) -> {
        if (key.startsWith("pacemaker ") || key.startsWith("corosync ")) {
          String object = key.substring(key.indexOf(' ') + 1);
          assertThat(both).as("check_cluster lists " + object).containsKey(" " + object);
          checked.put(key, both.get(" " + object));
        }
      });
      assertThat(checked.keySet().stream()
          .filter(k -> k.startsWith("pacemaker ") || k.startsWith("corosync ")).count())
          .as("every object check_cluster lists is exported").isEqualTo(both.size());
    }
    assertThat(exported).isEqualTo(checked);
  }

  /** subsystem + " " + object → state, from the exporter's vigil_health_status. */
  private Map<String, String> scrapeHealth(Path root) throws Exception {
    try (RunningExporter exporter = new RunningExporter(logs, "exporter",
        "--path.rootfs", root.toString())) {
      HttpResponse<String> response = exporter.get("/metrics", Duration.ofSeconds(30));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).as("no collector may fail on the tree")
          .doesNotContainPattern("vigil_scrape_collector_success\\{[^}]*\\} 0\\.0");
      Map<String, String> health = new TreeMap<>();
      Matcher h = HEALTH.matcher(response.body());
      while (h.find()) {
        health.put(h.group("subsystem") + " " + h.group("object"),
            STATES.get((int) Double.parseDouble(h.group("value"))));
      }
      return health;
    }
  }

  private String check(String... argv) throws IOException, InterruptedException {
    String[] command = argv.clone();
    command[0] = ROOT.resolve("packaging/bin/" + argv[0]).toString();
    Processes.Result r = Processes.run(logs, argv[0], Duration.ofSeconds(60), Map.of(), command);
    assertThat(r.exitCode()).as(String.join(" ", argv) + "\n" + r.stdout() + r.stderr())
        .isBetween(0, 3);
    return r.stdout();
  }

  private static Map<String, String> objects(String subsystem, String longOutput) {
    Map<String, String> result = new TreeMap<>();
    Matcher m = LONG_OUTPUT.matcher(longOutput);
    while (m.find()) {
      result.put(subsystem + " " + m.group("object"), m.group("state"));
    }
    return result;
  }
}

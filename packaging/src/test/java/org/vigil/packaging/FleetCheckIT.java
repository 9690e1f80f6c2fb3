package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: two shipped vigil-exporters on 127.0.0.1, each on one node's fixture tree
 * (test-fixtures/trees/fleet-*, see FLEET.md there), and the shipped {@code vigil fleet-check}
 * comparing them: what neither node's own check can see.
 */
class FleetCheckIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();

  @TempDir Path logs;

  private RunningExporter exporter(String tree) throws IOException {
    return new RunningExporter(logs, tree, "--path.rootfs",
        ROOT.resolve("test-fixtures/trees/" + tree).toString());
  }

  private Processes.Result fleetCheck(String... args) throws Exception {
    String[] argv = new String[args.length + 2];
    argv[0] = ROOT.resolve("packaging/bin/vigil").toString();
    argv[1] = "fleet-check";
    System.arraycopy(args, 0, argv, 2, args.length);
    Processes.Result r = Processes.run(logs, "fleet-check", Duration.ofSeconds(60), Map.of(), argv);
    System.err.println("FleetCheckIT: vigil fleet-check " + String.join(" ", args) + "\n"
        + r.stdout() + r.stderr() + "exit " + r.exitCode());
    return r;
  }

  @Test
  void bothNodesPrimaryOneStandAloneOneConnectedIsASplitBrain() throws Exception {
    try (RunningExporter a = exporter("fleet-split-a");
        RunningExporter b = exporter("fleet-split-b")) {
      Processes.Result r =
          fleetCheck("--peer", "node-a=" + a.metrics(), "--peer", "node-b=" + b.metrics());
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(2);
      assertThat(r.stdout()).startsWith("FLEET CRITICAL - drbd0: Primary on node-a and node-b"
              + " (split brain risk); drbd0: node-a sees the connection to node-b StandAlone,"
              + " node-b sees it Connected (ends disagree); ")
          .contains(" | 'peers'=2;;;0 'peers_unreachable'=0;;;0 'drbd_resources'=3;;;0\n")
          .contains("\n[CRITICAL] drbd0: node-a Primary (StandAlone), node-b Primary (Connected)"
              + " - Primary on node-a and node-b (split brain risk); node-a sees the connection"
              + " to node-b StandAlone, node-b sees it Connected (ends disagree)\n")
          // node-b has only minor 0: drbd1 and drbd2 cannot be compared, and say so.
          .contains("\n[UNKNOWN] drbd1: node-a Primary (StandAlone) - only node-a reports it;")
          .contains("\n[OK] node-a: " + a.metrics() + ", 3 DRBD resources\n")
          .contains("\n[OK] node-b: " + b.metrics() + ", 1 DRBD resource\n");
      assertThat(r.stderr()).isEmpty();
    }
  }

  @Test
  void aHealthyPairIsOk() throws Exception {
    try (RunningExporter a = exporter("fleet-pair-a");
        RunningExporter b = exporter("fleet-pair-b")) {
      Processes.Result r =
          fleetCheck("--peer", "node-a=" + a.metrics(), "--peer", "node-b=" + b.metrics());
      assertThat(r.stdout()).isEqualTo(healthyPair(a.metrics(), b.metrics()));
      assertThat(r.exitCode()).isZero();
    }
  }

  /** The verdict on fleet-pair-a and fleet-pair-b; FleetCheckTlsIT expects it over https too. */
  static String healthyPair(String a, String b) {
    return "FLEET OK - 2 peers agree, drbd0 Primary on node-a"
        + " | 'peers'=2;;;0 'peers_unreachable'=0;;;0 'drbd_resources'=1;;;0\n"
        + "[OK] drbd0: node-a Primary (Connected), node-b Secondary (Connected)\n"
        + "[OK] node-a: " + a + ", 1 DRBD resource\n"
        + "[OK] node-b: " + b + ", 1 DRBD resource\n";
  }

  @Test
  void aPeerThatIsDownIsNamedNotSkipped() throws Exception {
    try (RunningExporter a = exporter("fleet-pair-a")) {
      String down;
      try (RunningExporter b = exporter("fleet-pair-b")) {
        down = b.metrics();
      }
      Processes.Result r = fleetCheck("--timeout", "3s", "--peer", "node-a=" + a.metrics(),
          "--peer", "node-b=" + down);
      assertThat(r.exitCode()).as(r.stdout()).isEqualTo(3);
      String authority = down.substring("http://".length(), down.indexOf("/metrics"));
      assertThat(r.stdout()).startsWith("FLEET UNKNOWN - node-b: cannot connect to " + authority
              + ": connection refused; drbd0: only node-a reports it; its other node is not a"
              + " --peer or did not answer: not compared | ")
          .contains("'peers'=2;;;0 'peers_unreachable'=1;;;0")
          .contains("\n[UNKNOWN] node-b: " + down + " did not answer - cannot connect to "
              + authority);
    }
  }
}

package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern LISTENING =
      Pattern.compile("listening on (127\\.0\\.0\\.1:\\d+)/metrics");

  @TempDir Path logs;

  /** One exporter on one tree; stopped (with its descendants) on close. */
  private final class Exporter implements AutoCloseable {
    final Process process;
    final String address;

    Exporter(String tree) throws IOException {
      process = new ProcessBuilder(ROOT.resolve("packaging/bin/vigil-exporter").toString(),
          "--path.rootfs", ROOT.resolve("test-fixtures/trees/" + tree).toString(),
          "--web.listen-address", "127.0.0.1:0")
          .redirectOutput(logs.resolve(tree + ".out").toFile())
          .start();
      BufferedReader err = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      String line = err.readLine();
      Matcher m = line == null ? null : LISTENING.matcher(line);
      if (m == null || !m.find()) {
        close();
        throw new AssertionError("exporter on " + tree + ": first stderr line: " + line);
      }
      address = m.group(1);
    }

    String url() {
      return "http://" + address + "/metrics";
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
    try (Exporter a = new Exporter("fleet-split-a"); Exporter b = new Exporter("fleet-split-b")) {
      Processes.Result r = fleetCheck("--peer", "node-a=" + a.url(), "--peer", "node-b=" + b.url());
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
          .contains("\n[OK] node-a: " + a.url() + ", 3 DRBD resources\n")
          .contains("\n[OK] node-b: " + b.url() + ", 1 DRBD resource\n");
      assertThat(r.stderr()).isEmpty();
    }
  }

  @Test
  void aHealthyPairIsOk() throws Exception {
    try (Exporter a = new Exporter("fleet-pair-a"); Exporter b = new Exporter("fleet-pair-b")) {
      Processes.Result r = fleetCheck("--peer", "node-a=" + a.url(), "--peer", "node-b=" + b.url());
      assertThat(r.stdout()).isEqualTo("FLEET OK - 2 peers agree, drbd0 Primary on node-a"
          + " | 'peers'=2;;;0 'peers_unreachable'=0;;;0 'drbd_resources'=1;;;0\n"
          + "[OK] drbd0: node-a Primary (Connected), node-b Secondary (Connected)\n"
          + "[OK] node-a: " + a.url() + ", 1 DRBD resource\n"
          + "[OK] node-b: " + b.url() + ", 1 DRBD resource\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void aPeerThatIsDownIsNamedNotSkipped() throws Exception {
    try (Exporter a = new Exporter("fleet-pair-a")) {
      String down;
      try (Exporter b = new Exporter("fleet-pair-b")) {
        down = b.url();
      }
      Processes.Result r = fleetCheck("--timeout", "3s", "--peer", "node-a=" + a.url(),
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

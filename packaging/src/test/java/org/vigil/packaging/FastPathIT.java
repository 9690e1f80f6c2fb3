package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path end to end: the shipped vigil-exporter with {@code --fast-path.socket} on a copy of
 * the demo tree, and the shipped wrappers with {@code VIGIL_FAST_PATH} pointing at its socket. The
 * answer through the exporter must be the standalone check's, byte for byte and exit code; and
 * whenever the exporter cannot or may not answer (down, hung, another jar, a foreign peer) the
 * wrapper must still give the standalone answer, within the fast path's budget.
 * {@code VIGIL_FAST_PATH_TRACE=1} makes the launcher (native/vigil-check.c) say on stderr which
 * path answered and why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FastPathIT {
  private static final Path ROOT =
      Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path BIN = ROOT.resolve("packaging/bin");
  private static final String ANSWERED = "vigil-fast: answered by the exporter\n";
  private static final Pattern FELL_BACK = Pattern.compile(
      "^vigil-fast: (?<why>.+); running the standalone check \\((?<ms>\\d+) ms spent\\)$",
      Pattern.MULTILINE);

  private static Path dir;
  private static Path tree;
  private static Path socket;
  private static Process exporter;
  private static final List<String> exporterLog = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startExporter() throws Exception {
    // World-readable, so that the run as nobody below reads the tree too.
    dir = Files.createTempDirectory("vigil-fast-path-it-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    tree = dir.resolve("tree");
    Processes.Result cp = Processes.run(dir, "cp", Duration.ofSeconds(30), Map.of(), "cp", "-a",
        ROOT.resolve("test-fixtures/trees/degraded-node").toString(), tree.toString());
    assertThat(cp.exitCode()).as(cp.stderr()).isZero();
    socket = dir.resolve("fast-path.sock");
    exporter = new ProcessBuilder(BIN.resolve("vigil-exporter").toString(),
        "--root", tree.toString(), "--web.listen-address=127.0.0.1:0",
        "--fast-path.socket=" + socket)
        .redirectOutput(dir.resolve("exporter.out").toFile())
        .start();
    BufferedReader err = new BufferedReader(
        new InputStreamReader(exporter.getErrorStream(), StandardCharsets.UTF_8));
    for (String line; (line = err.readLine()) != null; ) {
      exporterLog.add(line);
      if (line.contains("fast path on ")) {
        break;
      }
    }
    assertThat(exporterLog).as("the exporter's stderr").contains(
        "vigil-exporter: fast path on " + socket);
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = err.readLine()) != null; ) {
          exporterLog.add(line);
        }
      } catch (IOException e) {
        // The exporter is gone.
      }
    });
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stopExporter() throws Exception {
    if (exporter != null && exporter.isAlive()) {
      exporter.descendants().forEach(ProcessHandle::destroyForcibly);
      exporter.destroyForcibly();
      exporter.waitFor(10, TimeUnit.SECONDS);
    }
    if (dir != null) {
      Processes.run(Path.of(System.getProperty("java.io.tmpdir")), "rm", Duration.ofSeconds(30),
          Map.of(), "rm", "-rf", "--", dir.toString());
    }
  }

  /**
   * The launcher reads what the exporter answers strictly: anything but a complete, well-formed
   * answer leaves stdout untouched and runs the standalone check. A scripted peer plays the
   * exporter: it reads the request line, writes the answer and closes.
   */
  @ParameterizedTest(name = "{1} <- [{0}]")
  @Order(1)
  @CsvSource(delimiter = '|', value = {
      "refused nope\\n                     | refused: nope",
      "hello\\n                            | malformed answer",
      "accepted\\nexit 4 3\\nabc              | malformed answer",
      "accepted\\nexit 2 \\nabc               | malformed answer",
      "accepted\\nexit 2 123456789\\nabc      | malformed answer",
      "accepted\\nexit 2 3\\nabcdef           | malformed answer",
      "accepted\\nexit 2 5\\nabc              | the exporter closed the connection",
      "accepted\\n                         | the exporter closed the connection",
      "accept                               | the exporter closed the connection",
      "''                                   | the exporter closed the connection"})
  void a_malformed_or_partial_answer_is_never_printed(String answer, String why)
      throws Exception {
    String[] argv = {"check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString()};
    Run r = scripted(answer.replace("\\n", "\n"), argv);
    assertFellBack(r, why);
    assertThat(r.result()).isEqualTo(standalone(argv));
  }

  @Test
  @Order(1)
  void a_well_formed_answer_is_printed_as_it_came() throws Exception {
    Run r = scripted("accepted\nexit 1 22\nDRBD WARNING - x\nlong\n", "check_drbd");
    assertThat(r.trace()).isEqualTo(ANSWERED);
    assertThat(r.result()).isEqualTo(new Processes.Result(1, "DRBD WARNING - x\nlong\n", ""));
  }

  /** Runs a wrapper against a one-shot peer that answers {@code answer} to its request. */
  private static Run scripted(String answer, String... argv) throws Exception {
    Path peer = dir.resolve("scripted.sock");
    Files.deleteIfExists(peer);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(peer));
      Thread reply = new Thread(() -> {
        try (SocketChannel c = server.accept()) {
          ByteBuffer in = ByteBuffer.allocate(65536);
          while (c.read(in) > 0 && in.get(in.position() - 1) != '\n') {
            // the request line
          }
          c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
          // the wrapper went away: its result says what it made of that
        }
      });
      reply.setDaemon(true);
      reply.start();
      Run r = wrapper(peer, argv);
      reply.join(10_000);
      return r;
    }
  }

  @ParameterizedTest
  @Order(2)
  @ValueSource(strings = {
      "8.3-connected-primary-secondary.proc-drbd",      // OK
      "8.4-out-of-sync-connected.proc-drbd",            // WARNING
      "8.4-peer-dunknown-while-connected.proc-drbd",    // CRITICAL
      "8.4-nonnumeric-counter.proc-drbd"})              // UNKNOWN
  void check_drbd_answers_through_the_exporter_as_it_does_standalone(String fixture)
      throws Exception {
    Files.copy(ROOT.resolve("test-fixtures/drbd/" + fixture), tree.resolve("proc/drbd"),
        StandardCopyOption.REPLACE_EXISTING);
    assertFastEqualsStandalone("check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString(),
        "-v");
  }

  @Test
  @Order(3)
  void check_raid_and_check_cluster_answer_through_the_exporter_as_they_do_standalone()
      throws Exception {
    assertFastEqualsStandalone("check_raid", "--mdstat", tree.resolve("proc/mdstat").toString(),
        "-t", "20");
    assertFastEqualsStandalone("check_raid", "--btrfs", tree.resolve("usr/bin/btrfs").toString(),
        "--btrfs-mount", "/srv/data", "--mdstat", tree.resolve("proc/mdstat").toString(),
        "--now", "2024-05-01T00:00:00Z");
    assertFastEqualsStandalone("check_cluster",
        "--crm-mon", tree.resolve("usr/sbin/crm_mon").toString(),
        "--corosync-quorumtool", tree.resolve("usr/sbin/corosync-quorumtool").toString(),
        "--corosync-cfgtool", tree.resolve("usr/sbin/corosync-cfgtool").toString());
    assertFastEqualsStandalone("check_drbd", "--help");
  }

  @Test
  @Order(3)
  void a_wrapper_reached_through_symbolic_links_answers_through_the_exporter() throws Exception {
    // As installed plugins often are: a link to a relative link to the wrapper.
    Path links = Files.createDirectories(dir.resolve("links/plugins"));
    Path relative = links.resolve("vigil_drbd");
    Files.createSymbolicLink(relative, links.relativize(BIN.resolve("check_drbd")));
    Path absolute = dir.resolve("links/check_drbd");
    Files.createSymbolicLink(absolute, relative);
    String procDrbd = tree.resolve("proc/drbd").toString();
    Run fast = run(Map.of("VIGIL_FAST_PATH", socket.toString()), absolute.toString(),
        "--proc-drbd", procDrbd);
    assertThat(fast.trace()).isEqualTo(ANSWERED);
    assertThat(fast.result()).isEqualTo(standalone("check_drbd", "--proc-drbd", procDrbd));
  }

  @Test
  @Order(4)
  void a_file_the_exporter_does_not_read_itself_is_read_by_the_standalone_check()
      throws Exception {
    Path copy = dir.resolve("elsewhere.proc-drbd");
    Files.copy(ROOT.resolve("test-fixtures/drbd/8.4-io-suspended.proc-drbd"), copy);
    Run fallback = wrapper(socket, "check_drbd", "--proc-drbd", copy.toString());
    assertFellBack(fallback, "refused: --proc-drbd " + copy + " is neither /proc/drbd nor the"
        + " exporter's own source");
    assertThat(fallback.result()).isEqualTo(standalone("check_drbd", "--proc-drbd",
        copy.toString()));
  }

  @Test
  @Order(5)
  void another_jar_than_the_exporters_is_answered_standalone() throws Exception {
    // An upgrade the exporter was not restarted after: another jar at the launcher's path.
    Path jar = dir.resolve("vigil.jar");
    Files.copy(ROOT.resolve("packaging/target/vigil.jar"), jar);
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
    String[] argv = {"check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString()};
    Run r = run(Map.of("VIGIL_FAST_PATH", socket.toString(), "VIGIL_JAR", jar.toString()), argv);
    assertFellBack(r, "refused: version: this exporter runs the jar ");
    assertThat(r.result()).isEqualTo(standalone(argv));
    assertThat(exporterLog).anyMatch(l -> l.startsWith(
        "vigil-exporter: fast path: refused version: this exporter runs the jar "));
  }

  @Test
  @Order(6)
  void a_hung_exporter_costs_at_most_the_budget() throws Exception {
    Path hungSocket = dir.resolve("hung.sock");
    try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.bind(UnixDomainSocketAddress.of(hungSocket));   // listens, never accepts or answers
      String[] argv = {"check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString()};
      Run r = wrapper(hungSocket, argv);
      int spent = assertFellBack(r, "no answer within 500 ms");
      assertThat(spent).as("ms spent before the standalone check").isBetween(450, 2000);
      assertThat(r.result()).isEqualTo(standalone(argv));

      // The budget is min(500 ms, -t): -t 1 leaves it at 500 ms.
      Run t1 = wrapper(hungSocket, "check_drbd", "-t", "1", "--proc-drbd",
          tree.resolve("proc/drbd").toString());
      assertFellBack(t1, "no answer within 500 ms");
    }
  }

  @Test
  @Order(7)
  void a_peer_outside_root_and_the_monitoring_group_is_answered_standalone() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "running a check as nobody needs root");
    Path setpriv = Processes.findTool("setpriv");
    Assumptions.assumeTrue(setpriv != null, "needs setpriv (util-linux)");
    String[] asNobody = {setpriv.toString(), "--reuid=nobody", "--regid=nogroup",
        "--clear-groups"};
    String[] argv = {"check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString()};
    Processes.Result expected = standalone(argv);

    // The socket's mode keeps nobody out.
    Run denied = run(Map.of("VIGIL_FAST_PATH", socket.toString()), asNobody, argv);
    assertFellBack(denied, "connect " + socket + ": Permission denied");
    assertThat(denied.result()).isEqualTo(expected);

    // Widened by hand, the peer check still refuses, and the exporter logs it.
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    try {
      Run refused = run(Map.of("VIGIL_FAST_PATH", socket.toString()), asNobody, argv);
      assertFellBack(refused, "refused: peer nobody (group nogroup) is neither root nor in"
          + " group nagios");
      assertThat(refused.result()).isEqualTo(expected);
      assertThat(exporterLog).contains("vigil-exporter: fast path: refused peer nobody (group"
          + " nogroup) is neither root nor in group nagios");
    } finally {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    }
  }

  @Test
  @Order(8)
  void a_dead_exporter_leaves_the_standalone_check() throws Exception {
    String[] argv = {"check_drbd", "--proc-drbd", tree.resolve("proc/drbd").toString()};
    // SIGKILL: no shutdown hook, the socket file stays behind with nobody listening.
    exporter.descendants().forEach(ProcessHandle::destroyForcibly);
    exporter.destroyForcibly();
    assertThat(exporter.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(socket).exists();
    Run stale = wrapper(socket, argv);
    assertFellBack(stale, "connect " + socket + ": Connection refused");
    assertThat(stale.result()).isEqualTo(standalone(argv));

    Files.delete(socket);
    Run none = wrapper(socket, argv);
    assertThat(none.trace()).as("no socket: the launcher starts the JVM without a word").isEmpty();
    assertThat(none.result()).isEqualTo(standalone(argv));
  }

  // ------------------------------------------------------------------------------- helpers

  /** A wrapper's result, stderr without the launcher's trace line. */
  private record Run(Processes.Result result, String trace) {}

  private void assertFastEqualsStandalone(String... argv) throws Exception {
    Run fast = wrapper(socket, argv);
    assertThat(fast.trace()).as(String.join(" ", argv)).isEqualTo(ANSWERED);
    Processes.Result standalone = standalone(argv);
    assertThat(standalone.stdout()).as(String.join(" ", argv)).isNotEmpty();
    assertThat(fast.result()).as(String.join(" ", argv)).isEqualTo(standalone);
  }

  /** Asserts the trace says the fast path fell back because of {@code why}; returns the ms. */
  private static int assertFellBack(Run r, String why) {
    Matcher m = FELL_BACK.matcher(r.trace());
    assertThat(m.find()).as("fell back: " + r.trace()).isTrue();
    assertThat(m.group("why")).startsWith(why);
    return Integer.parseInt(m.group("ms"));
  }

  private static Run wrapper(Path fastPath, String... argv) throws Exception {
    return run(Map.of("VIGIL_FAST_PATH", fastPath.toString()), argv);
  }

  private static Processes.Result standalone(String... argv) throws Exception {
    Run r = run(Map.of("VIGIL_FAST_PATH", "off"), argv);
    assertThat(r.trace()).isEmpty();
    return r.result();
  }

  private static Run run(Map<String, String> env, String... argv) throws Exception {
    return run(env, new String[0], argv);
  }

  /** Runs the wrapper argv[0] with argv[1..], prefixed by {@code prefix} (setpriv ...). */
  private static Run run(Map<String, String> env, String[] prefix, String... argv)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(prefix));
    command.add(BIN.resolve(argv[0]).toString());   // an absolute argv[0] stays as it is
    command.addAll(List.of(argv).subList(1, argv.length));
    Map<String, String> all = new HashMap<>(env);
    all.put("VIGIL_FAST_PATH_TRACE", "1");
    Processes.Result r = Processes.run(dir, Path.of(argv[0]).getFileName().toString(),
        Duration.ofSeconds(60), all, command.toArray(String[]::new));
    StringBuilder trace = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    r.stderr().lines().forEach(l -> (l.startsWith("vigil-fast: ") ? trace : rest)
        .append(l).append('\n'));
    return new Run(new Processes.Result(r.exitCode(), r.stdout(), rest.toString()),
        trace.toString());
  }
}

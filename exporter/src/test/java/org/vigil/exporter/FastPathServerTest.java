package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.CommandRunner;
import org.vigil.drbd.cli.CheckDrbd;
import org.vigil.fixtures.Fixtures;

class FastPathServerTest {
  private static final String IDENTITY = "1234:5678";
  private static final String DRBD = "org.vigil.drbd.cli.CheckDrbd";
  private static final Function<UnixDomainPrincipal, Optional<String>> ANYONE =
      p -> Optional.empty();

  @TempDir Path dir;
  private Path tree;
  private Path procDrbd;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private FastPathServer server;

  @BeforeEach
  void tree() throws IOException {
    tree = Files.createDirectories(dir.resolve("tree"));
    procDrbd = Files.createDirectories(tree.resolve("proc")).resolve("drbd");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private FastPathServer start(Function<UnixDomainPrincipal, Optional<String>> peers)
      throws IOException {
    server = FastPathServer.start(dir.resolve("s"), Optional.empty(), IDENTITY,
        Sources.underRoot(tree), peers, log::add);
    return server;
  }

  // ---------------------------------------------------------------------------- answers

  @ParameterizedTest
  @ValueSource(strings = {
      "8.3-connected-primary-secondary.proc-drbd",      // OK
      "8.4-peer-dunknown-while-connected.proc-drbd",    // CRITICAL
      "8.4-out-of-sync-connected.proc-drbd",            // WARNING
      "8.4-nonnumeric-counter.proc-drbd"})              // UNKNOWN
  void answers_with_the_exit_code_and_stdout_of_the_standalone_check(String fixture)
      throws Exception {
    Files.write(procDrbd, Fixtures.bytes("drbd", fixture));
    start(ANYONE);
    List<String> args = List.of("--proc-drbd", procDrbd.toString(), "-v");

    Answer fast = ask(request(DRBD, args));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    int code = CheckDrbd.run(args.toArray(String[]::new),
        new PrintStream(expected, true, StandardCharsets.UTF_8), new CommandRunner());
    assertThat(fast.raw()).startsWith("accepted\nexit " + code + " " + expected.size() + "\n");
    assertThat(fast.stdout()).isEqualTo(expected.toString(StandardCharsets.UTF_8));
  }

  @Test
  void reads_the_source_at_request_time() throws Exception {
    start(ANYONE);
    String line = request(DRBD, List.of("--proc-drbd", procDrbd.toString()));
    Files.write(procDrbd, Fixtures.bytes("drbd", "8.3-connected-primary-secondary.proc-drbd"));
    assertThat(ask(line).code()).isEqualTo(0);
    Files.write(procDrbd, Fixtures.bytes("drbd", "8.4-peer-dunknown-while-connected.proc-drbd"));
    assertThat(ask(line).code()).isEqualTo(2);
    Files.delete(procDrbd);
    assertThat(ask(line).code()).isEqualTo(3);
  }

  // ---------------------------------------------------------------------------- refusals

  @Test
  void refuses_another_jar_and_logs_it_once() throws Exception {
    start(ANYONE);
    String other = new FastPathRequest("999:5678", DRBD, List.of()).line() + "\n";
    assertThat(ask(other).raw()).startsWith("refused version: this exporter runs the jar "
        + IDENTITY + ", the caller has 999:5678");
    ask(other);
    assertThat(log).hasSize(1).allMatch(l -> l.contains("refused version"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "VIGIL-FAST/2\t1234:5678\torg.vigil.drbd.cli.CheckDrbd | refused protocol 'VIGIL-FAST/2'",
      "VIGIL-FAST/1\t1234:5678                                | refused request needs a jar",
      "VIGIL-FAST/1\t1234:5678\torg.vigil.Nope                 | refused no check org.vigil.Nope",
      "VIGIL-FAST/1\t1234:5678\torg.vigil.drbd.cli.CheckDrbd\t-r\tr\u00e9 | refused request has a"
          + " byte outside printable ASCII",
      "GET / HTTP/1.0                                          | refused protocol 'GET / HTTP/1.0'"})
  void refuses_malformed_requests(String line, String answer) throws Exception {
    start(ANYONE);
    assertThat(ask((line.strip() + "\n").getBytes(StandardCharsets.UTF_8)).raw())
        .startsWith(answer.strip());
  }

  @Test
  void refuses_a_request_longer_than_the_limit() throws Exception {
    start(ANYONE);
    String huge = request(DRBD, List.of("-r", "x".repeat(FastPathServer.MAX_REQUEST)));
    assertThat(ask(huge).raw()).isEqualTo("refused request longer than "
        + FastPathServer.MAX_REQUEST + " bytes\n");
  }

  @Test
  void refuses_a_peer_the_policy_refuses_and_logs_it_once() throws Exception {
    start(p -> Optional.of("peer mallory (group users) is neither root nor in group nagios"));
    String line = request(DRBD, List.of());
    assertThat(ask(line).raw())
        .isEqualTo("refused peer mallory (group users) is neither root nor in group nagios\n");
    ask(line);
    assertThat(log).containsExactly(
        "fast path: refused peer mallory (group users) is neither root nor in group nagios");
  }

  @Test
  void a_silent_client_holds_up_no_other() throws Exception {
    server = FastPathServer.start(dir.resolve("s"), Optional.empty(), IDENTITY,
        Sources.underRoot(tree), ANYONE, log::add, java.time.Duration.ofMinutes(5));
    Files.write(procDrbd, Fixtures.bytes("drbd", "8.3-connected-primary-secondary.proc-drbd"));
    String line = request(DRBD, List.of("--proc-drbd", procDrbd.toString()));
    try (SocketChannel silent = connect()) {
      assertThat(ask(line).code()).isEqualTo(0);
      silent.configureBlocking(false);
      assertThat(silent.read(ByteBuffer.allocate(100))).as("the silent client, meanwhile")
          .isZero();
    }
  }

  @Test
  void a_silent_client_is_refused_after_the_request_timeout() throws Exception {
    server = FastPathServer.start(dir.resolve("s"), Optional.empty(), IDENTITY,
        Sources.underRoot(tree), ANYONE, log::add, java.time.Duration.ofMillis(200));
    try (SocketChannel silent = connect()) {
      assertThat(readAll(silent)).isEqualTo("refused no complete request within 200 ms\n");
    }
  }

  @Test
  void beyond_the_concurrency_limit_a_client_waits_until_a_thread_is_free() throws Exception {
    server = FastPathServer.start(dir.resolve("s"), Optional.empty(), IDENTITY,
        Sources.underRoot(tree), ANYONE, log::add, java.time.Duration.ofMinutes(5));
    List<SocketChannel> silent = new ArrayList<>();
    try {
      for (int i = 0; i < FastPathServer.MAX_CONCURRENT; i++) {
        silent.add(connect());   // accepted in order, each holds a thread
      }
      try (SocketChannel waiting = connect()) {
        waiting.write(ByteBuffer.wrap(request(DRBD, List.of())
            .getBytes(StandardCharsets.US_ASCII)));
        waiting.configureBlocking(false);
        assertThat(waiting.read(ByteBuffer.allocate(100))).as("no thread is free").isZero();
        waiting.configureBlocking(true);
        silent.get(0).close();
        assertThat(readAll(waiting)).startsWith("accepted\nexit 3 ");
      }
    } finally {
      for (SocketChannel c : silent) {
        c.close();
      }
    }
  }

  // ---------------------------------------------------------------------------- the policy

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "ALLOWED", value = {
      "DRBD    |                                         | ALLOWED",
      "DRBD    | --proc-drbd /proc/drbd                  | ALLOWED",
      "DRBD    | --proc-drbd TREE/proc/drbd -t5 -vvv -r r0 | ALLOWED",
      "DRBD    | --proc-drbd=TREE/proc/drbd --timeout=5  | ALLOWED",
      "DRBD    | -vr r0 --drbdsetup TREE/usr/sbin/drbdsetup --expect-role Primary | ALLOWED",
      "DRBD    | --promotion-guard -r r0 -c 10:20        | ALLOWED",
      "DRBD    | --proc-drbd /etc/shadow                 | --proc-drbd /etc/shadow is neither"
          + " /proc/drbd nor the exporter's own source",
      "DRBD    | --proc-drbd TREE/proc/../proc/drbd      | --proc-drbd TREE/proc/../proc/drbd is"
          + " neither /proc/drbd nor the exporter's own source",
      "DRBD    | --proc-drbd -                           | --proc-drbd -: a value starting with -"
          + " @ or = is not served by the fast path",
      "DRBD    | --proc-drbd                             | --proc-drbd without a value",
      "DRBD    | -r --proc-drbd=/etc/shadow              | -r --proc-drbd=/etc/shadow: a value"
          + " starting with - @ or = is not served by the fast path",
      "DRBD    | -t=5                                    | -t =5: a value starting with - @ or ="
          + " is not served by the fast path",
      "DRBD    | --status-json TREE/s.json               | --status-json names a file the"
          + " exporter does not read itself",
      "DRBD    | --drbdsetup /bin/cat                    | --drbdsetup /bin/cat is neither"
          + " /usr/sbin/drbdsetup nor the exporter's own source",
      "DRBD    | @/etc/shadow                            | argument '@/etc/shadow' is not served"
          + " by the fast path",
      "DRBD    | -                                       | argument '-' is not served by the"
          + " fast path",
      "DRBD    | -w @10:20                               | -w @10:20: a value starting with - @"
          + " or = is not served by the fast path",
      "DRBD    | --no-such-option                        | option --no-such-option is not"
          + " served by the fast path",
      "DRBD    | -x                                      | option -x is not served by the fast"
          + " path",
      "DRBD    | --allow-diskless=true                   | --allow-diskless takes no value",
      "RAID    | --mdstat TREE/proc/mdstat --sysfs TREE/sys -a md0 --btrfs-all | ALLOWED",
      "RAID    | --mdstat /proc/mdstat --sysfs /sys --btrfs /usr/bin/btrfs | ALLOWED",
      "RAID    | --mdadm-detail /etc/shadow              | --mdadm-detail names a file the"
          + " exporter does not read itself",
      "RAID    | --sysfs /                               | --sysfs / is neither /sys nor the"
          + " exporter's own source",
      "RAID    | --btrfs-mount /srv                      | --btrfs-mount: cannot read"
          + " TREE/proc/self/mounts",
      "CLUSTER | --crm-mon TREE/usr/sbin/crm_mon --no-corosync --ignore-resource ^dummy | ALLOWED",
      "CLUSTER | --cl-status /usr/bin/cl_status --stack heartbeat | ALLOWED",
      "CLUSTER | --cl-status TREE/usr/bin/cl_status     | --cl-status TREE/usr/bin/cl_status is"
          + " neither /usr/bin/cl_status nor the exporter's own source",
      "CLUSTER | --crm-mon-xml /etc/shadow               | --crm-mon-xml names a file the"
          + " exporter does not read itself",
      "CLUSTER | --proc-drbd /proc/drbd                  | option --proc-drbd is not served by"
          + " the fast path"})
  void serves_only_command_lines_that_read_defaults_or_the_exporters_own_sources(
      FastPathCheck check, String args, String refusal) {
    List<String> argv = args == null ? List.of()
        : List.of(args.replace("TREE", tree.toString()).split(" "));
    assertThat(check.refusal(argv, Sources.underRoot(tree)))
        .isEqualTo(Optional.ofNullable(refusal).map(r -> r.replace("TREE", tree.toString())));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(FastPathCheck.class)
  void the_warm_up_reads_the_exporters_own_sources_and_is_served(FastPathCheck check) {
    Sources sources = Sources.underRoot(tree);
    List<String> argv = check.ownSources(sources);
    assertThat(argv).as("option, path, option, path...").isNotEmpty().hasSize(argv.size() / 2 * 2);
    for (int i = 0; i < argv.size(); i += 2) {
      assertThat(argv.get(i)).startsWith("--");
      assertThat(Path.of(argv.get(i + 1))).isAbsolute();
    }
    assertThat(argv).contains(switch (check) {
      case DRBD -> tree.resolve("proc/drbd").toString();
      case RAID -> tree.resolve("proc/mdstat").toString();
      case CLUSTER -> "--crm-mon";
    });
    assertThat(check.refusal(argv, sources)).isEmpty();
  }

  @Test
  void serves_btrfs_mount_points_the_exporter_looks_at_and_no_others() throws IOException {
    Path mounts = Files.createDirectories(tree.resolve("proc/self")).resolve("mounts");
    Files.writeString(mounts, "/dev/sda1 / ext4 rw 0 0\n/dev/sdb /srv btrfs rw 0 0\n");
    Sources sources = Sources.underRoot(tree);
    assertThat(FastPathCheck.RAID.refusal(List.of("--btrfs-mount", "/srv"), sources)).isEmpty();
    assertThat(FastPathCheck.RAID.refusal(List.of("--btrfs-mount", "/"), sources))
        .hasValue("--btrfs-mount / is not a btrfs mount point in " + mounts);
  }

  // ---------------------------------------------------------------------------- peers

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "ALLOWED", value = {
      "root           | root           | ALLOWED",
      "vigil-exporter | haclient       | ALLOWED",
      "nagios         | nagios         | ALLOWED",
      "icinga         | icinga         | ALLOWED",
      "mallory        | nagios         | ALLOWED",
      "mallory        | users          | peer mallory (group users) is neither root nor in group"
          + " nagios",
      "nobody         | nogroup        | peer nobody (group nogroup) is neither root nor in group"
          + " nagios"})
  void admits_root_the_exporter_and_the_monitoring_group(String user, String group,
      String refusal) throws IOException {
    Path etcGroup = dir.resolve("group");
    Files.writeString(etcGroup, "root:x:0:\nnagios:x:110:icinga,www-data,icinga\n"
        + "users:x:100:mallory\n");
    FastPathPeers peers = new FastPathPeers("nagios", "vigil-exporter",
        g -> FastPathPeers.members(etcGroup, g));
    assertThat(peers.refusal(new UnixDomainPrincipal(new Name(user), new Name(group))))
        .isEqualTo(Optional.ofNullable(refusal));
  }

  /** A user or group name, as SO_PEERCRED's principals carry it. */
  private record Name(String getName) implements GroupPrincipal {}

  @Test
  void a_group_missing_from_the_group_file_has_no_members() throws IOException {
    assertThat(FastPathPeers.members(dir.resolve("absent"), "nagios")).isEmpty();
    Files.writeString(dir.resolve("group"), "nagios:x:110:\n");
    assertThat(FastPathPeers.members(dir.resolve("group"), "nagios")).isEmpty();
    assertThat(FastPathPeers.members(dir.resolve("group"), "adm")).isEmpty();
  }

  // ---------------------------------------------------------------------------- the socket

  @Test
  void the_socket_is_for_root_and_the_group_only_and_gone_after_close() throws Exception {
    String group = Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
    server = FastPathServer.start(dir.resolve("s"), Optional.of(group), IDENTITY,
        Sources.underRoot(tree), ANYONE, log::add);
    PosixFileAttributes a = Files.readAttributes(dir.resolve("s"), PosixFileAttributes.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    assertThat(a.isOther()).isTrue();
    assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-rw----");
    assertThat(a.group().getName()).isEqualTo(group);
    assertThat(log).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "s", "tree");
    }
    server.close();
    server = null;
    assertThat(dir.resolve("s")).doesNotExist();
  }

  @Test
  void without_the_group_the_socket_is_for_root_only_and_says_so() throws Exception {
    server = FastPathServer.start(dir.resolve("s"), Optional.of("no-such-group-vigil"),
        IDENTITY, Sources.underRoot(tree), ANYONE, log::add);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s"))))
        .isEqualTo("rw-------");
    assertThat(log).containsExactly("fast path: no group no-such-group-vigil on this system:"
        + " only root can use " + dir.resolve("s"));
  }

  @Test
  void replaces_a_stale_socket_but_not_a_live_one_nor_another_file() throws Exception {
    Path s = dir.resolve("s");
    ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    stale.bind(UnixDomainSocketAddress.of(s));
    assertThatThrownBy(() -> start(ANYONE)).hasMessage("another process serves " + s);
    stale.close();   // the file stays, nobody listens: what a killed exporter leaves
    assertThat(s).exists();
    start(ANYONE);
    assertThat(ask(request(DRBD, List.of())).raw()).startsWith("accepted\n");
    server.close();
    server = null;

    Files.writeString(s, "not a socket");
    assertThatThrownBy(() -> start(ANYONE)).hasMessage(s + " exists and is not a socket");
    assertThat(Files.readString(s)).isEqualTo("not a socket");
  }

  @Test
  void a_jar_is_identified_by_size_and_modification_time_and_classes_never_match() {
    assertThat(FastPathServer.identity(FastPathServer.class)).startsWith("classes:");
    assertThat(FastPathServer.identity(org.junit.jupiter.api.Test.class))
        .matches("[0-9]+:[0-9]+");
  }

  // ---------------------------------------------------------------------------- client side

  private record Answer(String raw) {
    int code() {
      return Integer.parseInt(raw.split("\n")[1].split(" ")[1]);
    }

    String stdout() {
      int start = raw.indexOf('\n', raw.indexOf("\nexit ") + 1) + 1;
      return raw.substring(start);
    }
  }

  private static String request(String main, List<String> args) {
    return new FastPathRequest(IDENTITY, main, args).line() + "\n";
  }

  private SocketChannel connect() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("s")));
  }

  private Answer ask(String line) throws IOException {
    return ask(line.getBytes(StandardCharsets.US_ASCII));
  }

  private Answer ask(byte[] request) throws IOException {
    try (SocketChannel c = connect()) {
      ByteBuffer b = ByteBuffer.wrap(request);
      try {
        while (b.hasRemaining()) {
          c.write(b);
        }
      } catch (IOException e) {
        // The server answered and closed before reading all of an oversized request.
      }
      return new Answer(readAll(c));
    }
  }

  private static String readAll(SocketChannel c) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(8192);
    while (c.read(b) >= 0) {
      all.write(b.array(), 0, b.position());
      b.clear();
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}

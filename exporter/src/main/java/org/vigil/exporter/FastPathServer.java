package org.vigil.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The fast path: a Unix socket on which a check's launcher asks the running exporter for a
 * check's answer, so that a check costs a few milliseconds instead of a JVM start. The exporter
 * runs the very check code in-process ({@link FastPathCheck}), reading its sources at request
 * time, and returns exit code and stdout byte for byte ({@link FastPathRequest} has the
 * protocol). Anything it will not or cannot serve is refused with a one-line reason; the client
 * then runs the standalone check.
 *
 * <p>It never holds up a scrape: it has its own {@link #MAX_CONCURRENT} threads, each accepting
 * and serving one connection at a time (no hand-over between threads: on a busy machine each
 * costs a wait for a core); more clients wait in the listen backlog, and give up after their own
 * budget. A client gets {@link #REQUEST_TIMEOUT} to send its request line of at most {@link
 * #MAX_REQUEST} bytes.
 *
 * <p>"accepted" goes out with the answer, in one write, when the check is done within {@link
 * #ACCEPTED_AFTER}, and alone when that has passed: the client then wakes up once instead of
 * twice, and on a busy machine every wake-up is a wait for a core.
 */
final class FastPathServer implements AutoCloseable {
  static final int MAX_REQUEST = 64 * 1024;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_CONCURRENT = 4;
  /** When a check still runs, "accepted" goes out alone (the client waits 500 ms for it). */
  static final Duration ACCEPTED_AFTER = Duration.ofMillis(50);
  private static final byte[] ACCEPTED = "accepted\n".getBytes(StandardCharsets.US_ASCII);
  /** How long a refused client may still send before the connection is closed. */
  static final Duration DRAIN = Duration.ofMillis(100);
  /** Distinct refusal reasons logged; beyond that a flood of new ones stays out of the log. */
  private static final int MAX_LOGGED = 64;

  private final ServerSocketChannel channel;
  private final Path socket;
  private final Object socketKey;
  private final String identity;
  private final Sources sources;
  private final Function<UnixDomainPrincipal, Optional<String>> peers;
  private final Consumer<String> log;
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledThreadPoolExecutor acceptedTimer;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final Duration requestTimeout;

  private FastPathServer(ServerSocketChannel channel, Path socket, Object socketKey,
      String identity, Sources sources, Function<UnixDomainPrincipal, Optional<String>> peers,
      Consumer<String> log, Duration requestTimeout) {
    this.channel = channel;
    this.requestTimeout = requestTimeout;
    this.socket = socket;
    this.socketKey = socketKey;
    this.identity = identity;
    this.sources = sources;
    this.peers = peers;
    this.log = log;
    this.acceptedTimer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "vigil-fast-path-accepted");
      t.setDaemon(true);
      return t;
    });
    acceptedTimer.setRemoveOnCancelPolicy(true);
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      Thread t = new Thread(this::acceptLoop, "vigil-fast-path-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
  }

  /**
   * Serves the fast path on {@code socket}, mode 0660 with group {@code group}, or 0600 (root
   * and the exporter only) when that group does not exist or this process may not give the
   * socket to it; either is logged. The socket appears complete with its final mode (it is
   * bound under a temporary name and renamed). A stale socket left by a dead exporter is
   * replaced; a live one, or any other file, is an error.
   *
   * @param identity this exporter's jar, as {@link #identity} gives it at start
   */
  static FastPathServer start(Path socket, Optional<String> group, String identity,
      Sources sources, Function<UnixDomainPrincipal, Optional<String>> peers,
      Consumer<String> log) throws IOException {
    return start(socket, group, identity, sources, peers, log, REQUEST_TIMEOUT);
  }

  /** {@link #start(Path, Optional, String, Sources, Function, Consumer)} for tests. */
  static FastPathServer start(Path socket, Optional<String> group, String identity,
      Sources sources, Function<UnixDomainPrincipal, Optional<String>> peers,
      Consumer<String> log, Duration requestTimeout) throws IOException {
    Path path = socket.toAbsolutePath().normalize();
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isOther()) {
        throw new IOException(path + " exists and is not a socket");
      }
      if (answers(path)) {
        throw new IOException("another process serves " + path);
      }
    }
    Path temporary = path.resolveSibling("." + path.getFileName() + "."
        + ProcessHandle.current().pid());
    Files.deleteIfExists(temporary);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(temporary), 64);
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      if (group.isPresent()) {
        giveToGroup(temporary, path, group.get(), log);
      }
      Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
      Object key = Files.readAttributes(path, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
      FastPathServer server =
          new FastPathServer(channel, path, key, identity, sources, peers, log, requestTimeout);
      server.workers.forEach(Thread::start);
      Thread warmUp = new Thread(() -> warmUp(sources), "vigil-fast-path-warm-up");
      warmUp.setDaemon(true);
      warmUp.setPriority(Thread.MIN_PRIORITY);
      warmUp.start();
      return server;
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /**
   * Runs each check once on this exporter's own sources, output dropped, so that the first
   * request after a start does not wait while the check's classes load and initialise (130 ms
   * on a busy 2-core machine, against a few ms later). It reads and runs no more than a scrape.
   */
  private static void warmUp(Sources sources) {
    for (FastPathCheck check : FastPathCheck.values()) {
      try (PrintStream out = new PrintStream(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8)) {
        check.run(check.ownSources(sources).toArray(String[]::new), out);
      } catch (RuntimeException e) {
        // A request will run it again, and answer or fail on its own.
      }
    }
  }

  private static void giveToGroup(Path socket, Path name, String group, Consumer<String> log)
      throws IOException {
    GroupPrincipal principal;
    try {
      principal = socket.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByGroupName(group);
    } catch (UserPrincipalNotFoundException e) {
      log.accept("fast path: no group " + group + " on this system: only root can use " + name);
      return;
    }
    try {
      Files.getFileAttributeView(socket, PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS).setGroup(principal);
    } catch (IOException e) {
      log.accept("fast path: cannot give the socket to group " + group + " (is "
          + System.getProperty("user.name") + " a member? adduser "
          + System.getProperty("user.name") + " " + group + ", then restart): only root can use "
          + name);
      return;
    }
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
  }

  /** Whether a process accepts connections on {@code socket}. */
  private static boolean answers(Path socket) {
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The identity of the jar {@code type} was loaded from: its size and modification time in
   * seconds, as the launcher reads them with stat(2). Different after an upgrade whose
   * exporter was not restarted, so that such an exporter is not asked. Classes loaded from a
   * directory (a build, not a jar) get an identity no jar has.
   */
  static String identity(Class<?> type) {
    try {
      Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        return Files.size(jar) + ":" + Files.getLastModifiedTime(jar).to(TimeUnit.SECONDS);
      }
      return "classes:" + jar;
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (channel.isOpen()) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        logOnce("fast path: accept failed: " + e.getMessage());
        continue;
      }
      serve(client);
    }
  }

  /**
   * One connection: read the request, check the peer and the request, answer, close. The
   * request is read even from a peer that is refused: closing a Unix socket with unread data
   * resets the connection, and the client would not learn why.
   */
  private void serve(SocketChannel client) {
    try (client; Selector selector = Selector.open()) {
      client.configureBlocking(false);
      client.register(selector, 0);
      Optional<String> line = readLine(client, selector, requestTimeout);
      if (line.isEmpty()) {
        return;
      }
      Optional<String> peerRefusal = peers.apply(
          client.getOption(ExtendedSocketOptions.SO_PEERCRED));
      if (peerRefusal.isPresent()) {
        logOnce("fast path: refused " + peerRefusal.get());
        write(client, selector, refusedLine(peerRefusal.get()));
        return;
      }
      FastPathRequest request;
      try {
        request = FastPathRequest.parse(line.get());
      } catch (FastPathRequest.Malformed e) {
        write(client, selector, refusedLine(e.getMessage()));
        return;
      }
      Optional<String> refusal = refusal(request);
      if (refusal.isPresent()) {
        write(client, selector, refusedLine(refusal.get()));
        return;
      }
      FastPathCheck check = FastPathCheck.byMainClass(request.mainClass()).orElseThrow();
      Reply reply = new Reply(client, selector);
      try {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
          code = check.run(request.args().toArray(String[]::new), out);
        }
        reply.answer(("exit " + code + " " + stdout.size() + "\n")
            .getBytes(StandardCharsets.US_ASCII), stdout.toByteArray());
      } finally {
        reply.cancel();
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or broke the protocol: it falls back on its own.
      logOnce("fast path: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The answer to a request being served: "accepted", then the check's exit code and stdout. */
  private final class Reply {
    private final SocketChannel client;
    private final Selector selector;
    private final ScheduledFuture<?> timer;
    private boolean acceptedSent;
    private boolean done;

    Reply(SocketChannel client, Selector selector) {
      this.client = client;
      this.selector = selector;
      this.timer = acceptedTimer.schedule(this::accepted, ACCEPTED_AFTER.toMillis(),
          TimeUnit.MILLISECONDS);
    }

    private synchronized void accepted() {
      if (done || acceptedSent) {
        return;
      }
      acceptedSent = true;
      try {
        write(client, selector, ACCEPTED);
      } catch (IOException e) {
        // The client went away: writing the answer fails too, and is logged.
      }
    }

    synchronized void answer(byte[] head, byte[] stdout) throws IOException {
      cancel();
      int accepted = acceptedSent ? 0 : ACCEPTED.length;
      ByteBuffer answer = ByteBuffer.allocate(accepted + head.length + stdout.length);
      answer.put(ACCEPTED, 0, accepted).put(head).put(stdout).flip();
      write(client, selector, answer.array());
    }

    /** Nothing more is written by the timer (the connection is about to close). */
    synchronized void cancel() {
      done = true;
      timer.cancel(false);
    }
  }

  /** Why this request is not served, or empty. */
  Optional<String> refusal(FastPathRequest request) {
    if (!request.identity().equals(identity)) {
      String reason = "version: this exporter runs the jar " + identity + ", the caller has "
          + FastPathRequest.abbreviate(request.identity()) + " (restart the exporter after an"
          + " upgrade)";
      logOnce("fast path: refused " + reason);
      return Optional.of(reason);
    }
    Optional<FastPathCheck> check = FastPathCheck.byMainClass(request.mainClass());
    if (check.isEmpty()) {
      return Optional.of("no check " + FastPathRequest.abbreviate(request.mainClass()));
    }
    return check.get().refusal(request.args(), sources);
  }

  /** The request line without LF; empty (after answering, if possible) when there is none. */
  private static Optional<String> readLine(SocketChannel client, Selector selector,
      Duration timeout) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST);
    long deadline = System.nanoTime() + timeout.toNanos();
    SelectionKey key = client.keyFor(selector);
    key.interestOps(SelectionKey.OP_READ);
    int scanned = 0;
    while (true) {
      for (; scanned < buffer.position(); scanned++) {
        if (buffer.get(scanned) == '\n') {
          return Optional.of(new String(buffer.array(), 0, scanned, StandardCharsets.US_ASCII));
        }
      }
      if (!buffer.hasRemaining()) {
        write(client, selector, refusedLine("request longer than " + MAX_REQUEST + " bytes"));
        drain(client, selector);
        return Optional.empty();
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        write(client, selector, refusedLine("no complete request within "
            + timeout.toMillis() + " ms"));
        return Optional.empty();
      }
      selector.select(left);
      selector.selectedKeys().clear();
      if (client.read(buffer) < 0) {
        return Optional.empty();
      }
    }
  }

  /**
   * Reads and drops what the client still sends, briefly: closing a Unix socket with unread data
   * resets the connection, and the client would lose the refusal already written.
   */
  private static void drain(SocketChannel client, Selector selector) throws IOException {
    ByteBuffer sink = ByteBuffer.allocate(8192);
    long deadline = System.nanoTime() + DRAIN.toNanos();
    client.keyFor(selector).interestOps(SelectionKey.OP_READ);
    long left;
    while ((left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
      selector.select(left);
      selector.selectedKeys().clear();
      sink.clear();
      if (client.read(sink) < 0) {
        return;
      }
    }
  }

  private static void write(SocketChannel client, Selector selector, byte[] bytes)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
    SelectionKey key = client.keyFor(selector);
    key.interestOps(SelectionKey.OP_WRITE);
    while (buffer.hasRemaining()) {
      client.write(buffer);
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (buffer.hasRemaining()) {
        if (left <= 0) {
          throw new IOException("client did not read the answer within "
              + WRITE_TIMEOUT.toMillis() + " ms");
        }
        selector.select(left);
        selector.selectedKeys().clear();
      }
    }
  }

  private static byte[] refusedLine(String reason) {
    return ("refused " + reason.replaceAll("[^\\x20-\\x7e]", "?") + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void logOnce(String line) {
    if (logged.size() < MAX_LOGGED && logged.add(line)) {
      log.accept(line);
    }
  }

  /** Stops accepting, abandons running requests and removes the socket if it is still ours. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing is best effort.
    }
    workers.forEach(Thread::interrupt);
    acceptedTimer.shutdownNow();
    try {
      Object key = Files.readAttributes(socket, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
      if (key != null && key.equals(socketKey)) {
        Files.delete(socket);
      }
    } catch (IOException e) {
      // Already gone, or replaced by another exporter's: not ours to remove.
    }
  }
}

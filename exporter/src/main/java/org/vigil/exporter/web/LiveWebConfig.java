package org.vigil.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The {@code --web.config.file} in force, re-read when it or a file it names changes.
 *
 * <p>The files are looked at (modification time, size, inode, content digest) at most once a
 * second, by whichever request or TLS handshake comes first after that second: no thread of its
 * own. A changed set is loaded in full (YAML, certificate, key, client CAs, bcrypt hashes); if
 * anything is wrong the previous configuration stays in force and one line on the log says why.
 * Switching between HTTP and HTTPS needs a restart, since the listening socket is one or the
 * other.
 */
public final class LiveWebConfig {
  private static final long CHECK_INTERVAL = TimeUnit.SECONDS.toNanos(1);
  static final String REALM = "Basic realm=\"vigil-exporter\"";

  /**
   * How the last look at changed files went, for the exporter's own metrics: a broken file keeps
   * the previous configuration in force, and only a metric tells the operator it was not taken.
   *
   * @param successful false from a failed reload until the next good one
   * @param lastSuccessEpochMillis when the configuration in force was loaded
   */
  public record ReloadState(boolean successful, long lastSuccessEpochMillis) {}

  /** One consistent configuration: what the handshake and the request checks read. */
  record Loaded(long generation, WebConfig config, Optional<TlsMaterial> tls, BasicAuth auth) {}

  /**
   * What a file looked like; a different stamp means it changed. The content's digest is part of
   * it: the files are small, and a rewrite within the file system's timestamp granularity (a few
   * milliseconds on ext4) with the same size, such as a new bcrypt hash, keeps time and size.
   */
  record Stamp(Path file, boolean exists, long modifiedNanos, long size, Object fileKey,
      String digest) {
    private static final long MAX_DIGESTED = 1 << 20;

    static Stamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String digest = "";
        if (a.isRegularFile() && a.size() <= MAX_DIGESTED) {
          digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(Files.readAllBytes(file)));
        }
        return new Stamp(file, true, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(),
            a.fileKey(), digest);
      } catch (NoSuchFileException e) {
        return new Stamp(file, false, 0, 0, null, "");
      } catch (IOException e) {
        return new Stamp(file, false, -1, 0, null, String.valueOf(e.getMessage()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final Path file;
  private final Consumer<String> log;
  private final LongSupplier nanoClock;
  private final AtomicLong nextCheck;
  private volatile Loaded current;
  /** The one before {@link #current}: a handshake that chose its key just before a reload. */
  private volatile Loaded previous;
  /** Stamps of the files of the last attempt, good or bad: a bad one is reported once. */
  private List<Stamp> seen;
  private volatile ReloadState reloadState = new ReloadState(true, System.currentTimeMillis());

  private LiveWebConfig(Path file, Consumer<String> log, LongSupplier nanoClock, Loaded first,
      List<Stamp> seen) {
    this.file = file;
    this.log = log;
    this.nanoClock = nanoClock;
    this.current = first;
    this.seen = seen;
    this.nextCheck = new AtomicLong(nanoClock.getAsLong() + CHECK_INTERVAL);
  }

  /** Loads the file; any problem is fatal here, at start. */
  public static LiveWebConfig load(Path file, Consumer<String> log) throws WebConfigException {
    return load(file, log, System::nanoTime);
  }

  static LiveWebConfig load(Path file, Consumer<String> log, LongSupplier nanoClock)
      throws WebConfigException {
    List<Stamp> before = stamps(List.of(file));
    WebConfig config = WebConfigParser.parse(file);
    Loaded loaded = load(0, config);
    List<Stamp> stamps = new ArrayList<>(before);
    stamps.addAll(stamps(config.files().subList(1, config.files().size())));
    return new LiveWebConfig(file, log, nanoClock, loaded, stamps);
  }

  private static Loaded load(long generation, WebConfig config) throws WebConfigException {
    Optional<TlsMaterial> tls = config.tls().isPresent()
        ? Optional.of(TlsMaterial.load(config.tls().get())) : Optional.empty();
    return new Loaded(generation, config, tls, new BasicAuth(config.users()));
  }

  public boolean tls() {
    return current.tls().isPresent();
  }

  public boolean basicAuth() {
    return current.auth().required();
  }

  public Path file() {
    return file;
  }

  /** The configuration in force, after a reload if a second has passed and a file changed. */
  Loaded current() {
    long now = nanoClock.getAsLong();
    long next = nextCheck.get();
    if (now - next >= 0 && nextCheck.compareAndSet(next, now + CHECK_INTERVAL)) {
      reloadIfChanged();
    }
    return current;
  }

  /** The configuration of {@code generation} if it is the current or the previous one. */
  Optional<Loaded> generation(long generation) {
    Loaded c = current;
    if (c.generation() == generation) {
      return Optional.of(c);
    }
    Loaded p = previous;
    return p != null && p.generation() == generation ? Optional.of(p) : Optional.empty();
  }

  private synchronized void reloadIfChanged() {
    List<Path> files = new ArrayList<>();
    for (Stamp s : seen) {
      files.add(s.file());
    }
    List<Stamp> now = stamps(files);
    if (now.equals(seen)) {
      return;
    }
    Loaded previous = current;
    try {
      List<Stamp> configStamp = stamps(List.of(file));
      WebConfig config;
      try {
        config = WebConfigParser.parse(file);
      } finally {
        seen = configStamp;
      }
      List<Stamp> stamps = new ArrayList<>(configStamp);
      stamps.addAll(stamps(config.files().subList(1, config.files().size())));
      seen = stamps;
      if (config.tls().isPresent() != previous.tls().isPresent()) {
        throw new WebConfigException(file + ": switching between HTTP and HTTPS needs a restart");
      }
      Loaded next = load(previous.generation() + 1, config);
      this.previous = previous;
      current = next;
      reloadState = new ReloadState(true, System.currentTimeMillis());
      log.accept("--web.config.file " + file + " reloaded");
    } catch (WebConfigException e) {
      failed(e.getMessage());
    } catch (RuntimeException e) {
      failed(file + ": " + e);
    }
  }

  private void failed(String why) {
    reloadState = new ReloadState(false, reloadState.lastSuccessEpochMillis());
    log.accept("--web.config.file reload failed, still serving the previous configuration: "
        + why);
  }

  /** The outcome of the last reload, after looking at the files if a second has passed. */
  public ReloadState reloadState() {
    current();
    return reloadState;
  }

  private static List<Stamp> stamps(List<Path> files) {
    List<Stamp> stamps = new ArrayList<>();
    for (Path f : files) {
      stamps.add(Stamp.of(f));
    }
    return stamps;
  }

  /**
   * {@code handler} behind the configured headers and basic authentication: every path, as in
   * exporter-toolkit. A refusal is a bare 401 that says nothing about which part was wrong.
   */
  public HttpHandler guard(HttpHandler handler) {
    Objects.requireNonNull(handler);
    return ex -> {
      Loaded c = current();
      c.config().headers().forEach(ex.getResponseHeaders()::set);
      if (c.auth().allows(ex.getRequestHeaders().getFirst("Authorization"))) {
        handler.handle(ex);
      } else {
        unauthorized(ex);
      }
    };
  }

  private static void unauthorized(HttpExchange ex) throws IOException {
    byte[] body = "Unauthorized\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ex.getResponseHeaders().set("WWW-Authenticate", REALM);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(401, head ? -1 : body.length);
    try (var out = ex.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }
}

package org.vigil.core;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool the safe way: a fixed argv (never a shell), {@code LC_ALL=C} so the output
 * is the C-locale text the parsers expect, stdin from /dev/null, stdout captured up to {@link
 * BoundedInput#LIMIT} and stderr up to {@link #STDERR_LIMIT}, and a hard timeout after which the
 * process and its descendants are killed.
 */
public final class CommandRunner {
  static final int STDERR_LIMIT = 64 * 1024;
  private static final Duration KILL_GRACE = Duration.ofMillis(500);

  private final int stdoutLimit;

  public CommandRunner() {
    this(BoundedInput.LIMIT);
  }

  CommandRunner(int stdoutLimit) {
    this.stdoutLimit = stdoutLimit;
  }

  /** Runs {@code argv} with what is left of {@code deadline} as its timeout. */
  public CommandResult run(List<String> argv, Deadline deadline) throws CommandException {
    return run(argv, deadline.remaining());
  }

  public CommandResult run(List<String> argv, Duration timeout) throws CommandException {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    String program = argv.get(0);
    Path programPath = Path.of(program);
    if (programPath.isAbsolute()) {
      if (!Files.exists(programPath)) {
        throw new CommandException(
            CommandException.Kind.NOT_FOUND, "cannot execute " + program + ": not found");
      }
      if (!Files.isExecutable(programPath) || Files.isDirectory(programPath)) {
        throw new CommandException(
            CommandException.Kind.NOT_EXECUTABLE,
            "cannot execute " + program + ": not an executable file");
      }
    }
    ProcessBuilder pb = new ProcessBuilder(argv);
    Map<String, String> env = pb.environment();
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    env.remove("LANGUAGE");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long started = System.nanoTime();
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new CommandException(
          CommandException.Kind.START_FAILED,
          "cannot execute " + program + ": " + rootMessage(e));
    }
    Capture out = new Capture(process.getInputStream(), stdoutLimit, "stdout of " + program);
    Capture err = new Capture(process.getErrorStream(), STDERR_LIMIT, "stderr of " + program);
    out.start();
    err.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new CommandException(
            CommandException.Kind.TIMED_OUT,
            program + " did not finish within " + seconds(timeout) + " and was killed");
      }
      out.join(KILL_GRACE.toMillis());
      err.join(KILL_GRACE.toMillis());
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new CommandException(CommandException.Kind.INTERRUPTED, program + " was interrupted");
    }
    return new CommandResult(
        argv, process.exitValue(), out.bytes(), err.bytes(), out.truncated(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String seconds(Duration d) {
    return Numbers.plain(d.toMillis() / 1000.0) + "s";
  }

  private static String rootMessage(IOException e) {
    // ProcessBuilder reports "Cannot run program "x": error=2, No such file or directory".
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("error=");
    if (i >= 0) {
      int comma = m.indexOf(", ", i);
      return comma >= 0 ? m.substring(comma + 2) : m.substring(i);
    }
    return m;
  }

  /** Drains one stream to EOF, keeping at most {@code limit} bytes so the child never blocks. */
  private static final class Capture extends Thread {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capture(InputStream in, int limit, String name) {
      super(name);
      setDaemon(true);
      this.in = in;
      this.limit = limit;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (kept) {
            int room = limit - kept.size();
            if (n > room) {
              truncated = true;
            }
            if (room > 0) {
              kept.write(buf, 0, Math.min(n, room));
            }
          }
        }
      } catch (IOException ignored) {
        // The stream closes when the process is killed; what was read so far is kept.
      }
    }

    byte[] bytes() {
      synchronized (kept) {
        return kept.toByteArray();
      }
    }

    boolean truncated() {
      return truncated;
    }
  }
}

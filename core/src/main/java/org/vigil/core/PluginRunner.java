package org.vigil.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * The entry wrapper every check runs through. It guarantees the plugin contract whatever happens
 * inside the check: exactly one status line first, an exit code of 0-3, UNKNOWN for every error and
 * for the plugin's own timeout, and a stack trace only at {@code -vvv}.
 */
public final class PluginRunner {

  /** A check's work. It reports what it is doing so a timeout can say where it was stuck. */
  @FunctionalInterface
  public interface Task {
    CheckResult run(Progress progress) throws Exception;
  }

  /** The stage a running check is in, e.g. "reading /proc/drbd". */
  public static final class Progress {
    private volatile String stage = "starting";

    public void stage(String description) {
      this.stage = description;
    }

    public String stage() {
      return stage;
    }
  }

  /** The rendered output and exit code of a run. */
  public record Outcome(String stdout, int exitCode) {}

  /** How long a timed-out check may take to clean up (CommandRunner kills and reaps its tool). */
  private static final long CLEANUP_GRACE_MILLIS = 750;

  private PluginRunner() {}

  public static Outcome run(String service, Duration timeout, int verbosity, Task task) {
    Progress progress = new Progress();
    Attempt attempt = new Attempt(task, progress);
    Thread worker = new Thread(attempt, "vigil-check");
    worker.setDaemon(true);
    worker.start();
    try {
      long millis = timeout.toMillis();
      if (millis > 0) {
        worker.join(millis);
      }
      if (worker.isAlive()) {
        // The interrupt makes CommandRunner kill the tool's process tree; wait for that, or the
        // JVM may exit first and leave the tool running (the worker is a daemon thread).
        worker.interrupt();
        worker.join(CLEANUP_GRACE_MILLIS);
        return unknown(
            service,
            "plugin timeout: no result after " + Numbers.plain(timeout.toMillis() / 1000.0)
                + "s while " + progress.stage() + " (raise -t if this is expected)",
            null, verbosity);
      }
      // The worker has ended, so join made its fields visible here.
      if (attempt.failure != null) {
        return unknown(service, describe(attempt.failure), attempt.failure, verbosity);
      }
      CheckResult result = attempt.result;
      return new Outcome(PluginOutput.render(result, verbosity), result.state().exitCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unknown(service, "interrupted while " + progress.stage(), e, verbosity);
    } catch (RuntimeException | Error e) {
      // Rendering failed: still one line and UNKNOWN, never a JVM exit code of 1.
      return unknown(service, describe(e), e, verbosity);
    }
  }

  /**
   * The task on the worker thread, with what it returned or threw. A plain thread and join rather
   * than a FutureTask, whose VarHandles are JVM start-up work for the one task a plugin runs.
   */
  private static final class Attempt implements Runnable {
    private final Task task;
    private final Progress progress;
    private CheckResult result;
    private Throwable failure;

    Attempt(Task task, Progress progress) {
      this.task = task;
      this.progress = progress;
    }

    @Override
    public void run() {
      try {
        result = task.run(progress);
      } catch (Throwable t) {
        failure = t;
      }
    }
  }

  /** An UNKNOWN outcome with one clear line, plus the stack trace at -vvv. */
  public static Outcome unknown(String service, String message, Throwable cause, int verbosity) {
    StringBuilder out = new StringBuilder(PluginOutput.single(service, State.UNKNOWN, message));
    if (cause != null && verbosity >= 3) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      out.append(trace.toString().replace('|', '/'));
    }
    return new Outcome(out.toString(), State.UNKNOWN.exitCode());
  }

  /** One line saying what went wrong, in the operator's terms where we know them. */
  public static String describe(Throwable t) {
    if (t instanceof ParseException || t instanceof CommandException) {
      return t.getMessage();
    }
    if (t instanceof NoSuchFileException e) {
      return "cannot read " + e.getFile() + ": no such file"
          + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
    }
    if (t instanceof AccessDeniedException e) {
      return "cannot read " + e.getFile() + ": permission denied";
    }
    if (t instanceof IOException) {
      return "I/O error: " + t.getMessage();
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory";
    }
    return "internal error: " + t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage()) + " (run with -vvv for details)";
  }
}

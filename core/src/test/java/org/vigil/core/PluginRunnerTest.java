package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.PerfData.Unit;

class PluginRunnerTest {

  private static final Duration GENEROUS = Duration.ofSeconds(5);

  private static CheckResult result(Finding... findings) {
    return new CheckResult(
        "DRBD",
        List.of(new Subcheck("r0", "Connected", List.of(findings), List.of(),
            List.of(PerfData.of("r0 oos", 0, Unit.BYTES)))),
        "1 resource healthy");
  }

  private static void assertOneLine(String stdout) {
    assertThat(stdout).endsWith("\n");
    assertThat(stdout.indexOf('\n')).as("only line break is the last character")
        .isEqualTo(stdout.length() - 1);
  }

  @Test
  void aResultIsRenderedWithItsExitCode() {
    PluginRunner.Outcome outcome =
        PluginRunner.run("DRBD", GENEROUS, 0, progress -> result(Finding.ok("fine")));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout())
        .isEqualTo("DRBD OK - 1 resource healthy | 'r0 oos'=0B\n[OK] r0: Connected - fine\n");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(State.class)
  void theExitCodeIsTheResultState(State state) {
    CheckResult r = result(new Finding(state, "the " + state + " finding"));
    PluginRunner.Outcome outcome = PluginRunner.run("DRBD", GENEROUS, 1, progress -> r);

    assertThat(outcome.exitCode()).isEqualTo(state.exitCode());
    assertThat(outcome.stdout()).isEqualTo(PluginOutput.render(r, 1))
        .startsWith("DRBD " + state + " - ");
  }

  @Test
  void aParseErrorIsUnknownOnOneLine() {
    ParseException parse = new ParseException("/proc/drbd", 3, "cs:Bogus", "unknown state");
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", GENEROUS, 0, progress -> {
          throw parse;
        });

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout())
        .isEqualTo("SVC UNKNOWN - /proc/drbd line 3: unknown state 'cs:Bogus'\n");
    assertOneLine(outcome.stdout());
  }

  @Test
  void theStackTraceFollowsOnlyAtVerbosityThree() {
    PluginRunner.Task task = progress -> {
      throw new ParseException("/proc/drbd", 3, "cs:Bogus", "unknown state");
    };

    for (int verbosity = 0; verbosity <= 2; verbosity++) {
      assertOneLine(PluginRunner.run("SVC", GENEROUS, verbosity, task).stdout());
    }
    PluginRunner.Outcome outcome = PluginRunner.run("SVC", GENEROUS, 3, task);
    List<String> lines = outcome.stdout().lines().toList();

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(lines.get(0)).isEqualTo("SVC UNKNOWN - /proc/drbd line 3: unknown state 'cs:Bogus'");
    assertThat(lines.get(1))
        .isEqualTo("org.vigil.core.ParseException: /proc/drbd line 3: unknown state 'cs:Bogus'");
    assertThat(lines).anyMatch(l -> l.startsWith("\tat org.vigil.core.PluginRunnerTest"));
  }

  @Test
  void theStackTraceNeverCarriesAPipe() {
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", GENEROUS, 3, progress -> {
          throw new IllegalStateException("a|b", new IOException("c|d"));
        });

    assertThat(outcome.stdout().lines().count()).isGreaterThan(3);
    assertThat(outcome.stdout()).doesNotContain("|")
        .contains("java.lang.IllegalStateException: a/b", "Caused by: java.io.IOException: c/d");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource
  void everyFailureIsUnknownWithOneClearLine(Throwable thrown, String expectedLine) {
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", GENEROUS, 0, progress -> {
          if (thrown instanceof Exception e) {
            throw e;
          }
          throw (Error) thrown;
        });

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout()).isEqualTo(expectedLine + "\n");
  }

  static Stream<Arguments> everyFailureIsUnknownWithOneClearLine() {
    return Stream.of(
        arguments(new IllegalStateException("boom"),
            "SVC UNKNOWN - internal error: IllegalStateException: boom"
                + " (run with -vvv for details)"),
        arguments(new NullPointerException(),
            "SVC UNKNOWN - internal error: NullPointerException (run with -vvv for details)"),
        arguments(new RuntimeException("line one\nline two | more"),
            "SVC UNKNOWN - internal error: RuntimeException: line one line two / more"
                + " (run with -vvv for details)"),
        arguments(new NoSuchFileException("/proc/drbd"),
            "SVC UNKNOWN - cannot read /proc/drbd: no such file"),
        arguments(new AccessDeniedException("/dev/drbd0"),
            "SVC UNKNOWN - cannot read /dev/drbd0: permission denied"),
        arguments(new IOException("Input/output error"),
            "SVC UNKNOWN - I/O error: Input/output error"),
        arguments(new CommandException(CommandException.Kind.NOT_FOUND,
                "cannot execute /usr/sbin/drbdsetup: not found"),
            "SVC UNKNOWN - cannot execute /usr/sbin/drbdsetup: not found"),
        arguments(new StackOverflowError(),
            "SVC UNKNOWN - internal error: StackOverflowError (run with -vvv for details)"),
        arguments(new OutOfMemoryError("Java heap space"), "SVC UNKNOWN - out of memory"),
        arguments(new AssertionError("invariant"),
            "SVC UNKNOWN - internal error: AssertionError: invariant"
                + " (run with -vvv for details)"));
  }

  @Test
  void aRealStackOverflowIsUnknown() {
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", GENEROUS, 0, progress -> {
          recurse(0);
          return null;
        });

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout()).startsWith("SVC UNKNOWN - internal error: StackOverflowError");
    assertOneLine(outcome.stdout());
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void aNullResultIsUnknown() {
    PluginRunner.Outcome outcome = PluginRunner.run("SVC", GENEROUS, 0, progress -> null);

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout()).startsWith("SVC UNKNOWN - internal error: NullPointerException");
    assertOneLine(outcome.stdout());
  }

  @Test
  void aResultThatCannotBeRenderedIsUnknown() {
    CheckResult unrenderable =
        new CheckResult(
            "SVC",
            List.of(new Subcheck("r0", "x", List.of(), List.of(),
                List.of(PerfData.of("p", 1, Unit.NONE).withMax(Double.NaN)))),
            "ok");
    PluginRunner.Outcome outcome = PluginRunner.run("SVC", GENEROUS, 0, progress -> unrenderable);

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout())
        .isEqualTo("SVC UNKNOWN - internal error: IllegalArgumentException:"
            + " not a finite number: NaN (run with -vvv for details)\n");
  }

  @Test
  void aSlowTaskTimesOutNamingItsStage() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    long started = System.nanoTime();
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", Duration.ofMillis(300), 0, progress -> {
          progress.stage("parsing");
          progress.stage("reading /proc/drbd");
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return result();
        });

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout())
        .isEqualTo("SVC UNKNOWN - plugin timeout: no result after 0.3s while reading /proc/drbd"
            + " (raise -t if this is expected)\n");
    assertThat(interrupted.await(2, TimeUnit.SECONDS)).as("the task was interrupted").isTrue();
  }

  @Test
  void aTimedOutTaskFinishesItsCleanupBeforeTheOutcomeIsReturned() throws Exception {
    // CommandRunner kills the tool when interrupted; the JVM must not exit before it has.
    java.util.concurrent.atomic.AtomicBoolean cleanedUp =
        new java.util.concurrent.atomic.AtomicBoolean();
    PluginRunner.Outcome outcome =
        PluginRunner.run("SVC", Duration.ofMillis(100), 0, progress -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.sleep(0);
            long until = System.nanoTime() + Duration.ofMillis(150).toNanos();
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            cleanedUp.set(true);
            throw e;
          }
          return result();
        });

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(cleanedUp).as("cleanup done when run() returns").isTrue();
  }

  @Test
  void aTaskThatNeverReportsAStageTimesOutWhileStarting() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try {
      PluginRunner.Outcome outcome =
          PluginRunner.run("SVC", Duration.ofMillis(100), 0, progress -> {
            release.await();
            return result();
          });

      assertThat(outcome.exitCode()).isEqualTo(3);
      assertThat(outcome.stdout())
          .contains("plugin timeout: no result after 0.1s while starting");
      assertOneLine(outcome.stdout());
    } finally {
      release.countDown();
    }
  }

  @Test
  void anInterruptedCallerGetsUnknown() {
    CountDownLatch release = new CountDownLatch(1);
    Thread.currentThread().interrupt();
    try {
      PluginRunner.Outcome outcome =
          PluginRunner.run("SVC", GENEROUS, 0, progress -> {
            release.await();
            return result();
          });

      assertThat(outcome.exitCode()).isEqualTo(3);
      assertThat(outcome.stdout()).startsWith("SVC UNKNOWN - interrupted while ");
      assertOneLine(outcome.stdout());
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag restored").isTrue();
    } finally {
      Thread.interrupted();
      release.countDown();
    }
  }

  @Test
  void progressStartsAtStarting() {
    PluginRunner.Progress progress = new PluginRunner.Progress();
    assertThat(progress.stage()).isEqualTo("starting");
    progress.stage("querying drbdsetup");
    assertThat(progress.stage()).isEqualTo("querying drbdsetup");
  }

  @Test
  void unknownAloneIsOneLineWithExitThree() {
    PluginRunner.Outcome outcome =
        PluginRunner.unknown("DRBD", "no DRBD resources configured", null, 3);

    assertThat(outcome).isEqualTo(
        new PluginRunner.Outcome("DRBD UNKNOWN - no DRBD resources configured\n", 3));
  }
}

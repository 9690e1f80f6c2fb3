package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandRunnerTest {

  private static final Duration GENEROUS = Duration.ofSeconds(5);

  @TempDir Path dir;

  private static CommandResult run(String... argv) throws CommandException {
    return new CommandRunner().run(List.of(argv), GENEROUS);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A sleep argument no other process has, so the test can find its own sleeps. */
  private static String uniqueSleep() {
    return String.format("30.%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  }

  private static long liveProcessesWithArgument(String argument) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(argument))
            .orElse(false))
        .count();
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier condition, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Test
  void capturesStdout() throws Exception {
    CommandResult r = run("/bin/echo", "hello", "world");

    assertThat(r.exitCode()).isZero();
    assertThat(text(r.stdout())).isEqualTo("hello world\n");
    assertThat(r.stdoutText("echo")).isEqualTo("hello world\n");
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdoutTruncated()).isFalse();
    assertThat(r.argv()).containsExactly("/bin/echo", "hello", "world");
    assertThat(r.commandLine()).isEqualTo("/bin/echo hello world");
    assertThat(r.elapsed()).isPositive().isLessThan(GENEROUS);
  }

  @Test
  void capturesStderrAndExitCodeSeparately() throws Exception {
    CommandResult r = run("/bin/sh", "-c", "echo out; echo err >&2; echo more >&2; exit 3");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(text(r.stdout())).isEqualTo("out\n");
    assertThat(text(r.stderr())).isEqualTo("err\nmore\n");
    assertThat(r.stderrFirstLine()).isEqualTo("err");
  }

  @ParameterizedTest(name = "{0} {1} exits {2}")
  @CsvSource({"/bin/true, '', 0", "/bin/false, '', 1", "/bin/sh, exit 42, 42",
      "/bin/sh, kill -9 $$, 137"})
  void reportsTheExitCode(String program, String script, int exitCode) throws Exception {
    CommandResult r = script.isEmpty() ? run(program) : run(program, "-c", script);
    assertThat(r.exitCode()).isEqualTo(exitCode);
  }

  @Test
  void argumentsAreNeverInterpretedByAShell() throws Exception {
    CommandResult r = run("/bin/echo", "$HOME; rm -rf /tmp/x", "`id`", "a|b", "*");

    assertThat(text(r.stdout())).isEqualTo("$HOME; rm -rf /tmp/x `id` a|b *\n");
  }

  @Test
  void theChildRunsInTheCLocale() throws Exception {
    CommandResult r = run("/usr/bin/env");
    List<String> env = r.stdoutText("env").lines().toList();

    assertThat(env).contains("LC_ALL=C", "LANG=C");
    assertThat(env).noneMatch(line -> line.startsWith("LANGUAGE="));
  }

  @Test
  void stdinIsDevNull() throws Exception {
    long started = System.nanoTime();
    // With an inherited or piped stdin, cat would wait for input until the timeout.
    CommandResult r = new CommandRunner().run(List.of("/bin/cat"), Duration.ofSeconds(3));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aHangingCommandIsKilledAtTheTimeout() throws Exception {
    String sleep = uniqueSleep();
    long started = System.nanoTime();

    assertThatThrownBy(() -> new CommandRunner().run(List.of("/bin/sleep", sleep),
            Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.TIMED_OUT))
        .hasMessage("/bin/sleep did not finish within 1s and was killed");

    // A bound on a hang, not a performance test.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(waitUntil(() -> liveProcessesWithArgument(sleep) == 0, 2000))
        .as("sleep %s is gone", sleep).isTrue();
  }

  @Test
  void grandchildrenAreKilledToo() throws Exception {
    String sleep = uniqueSleep();
    long started = System.nanoTime();
    CompletableFuture<CommandResult> running =
        CompletableFuture.supplyAsync(() -> {
          try {
            return new CommandRunner().run(
                List.of("/bin/sh", "-c", "sleep " + sleep + " & sleep " + sleep),
                Duration.ofSeconds(1));
          } catch (CommandException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });

    // Precondition: both the background and the foreground sleep really ran.
    assertThat(waitUntil(() -> liveProcessesWithArgument(sleep) == 2, 900))
        .as("two sleeps %s started", sleep).isTrue();

    assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CommandException.class)
        .cause()
        .satisfies(e -> assertThat(((CommandException) e).kind())
            .isEqualTo(CommandException.Kind.TIMED_OUT))
        .hasMessageContaining("/bin/sh did not finish within 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(waitUntil(() -> liveProcessesWithArgument(sleep) == 0, 2000))
        .as("no sleep %s survives", sleep).isTrue();
  }

  @Test
  void anInterruptedRunKillsTheCommand() throws Exception {
    String sleep = uniqueSleep();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> new CommandRunner().run(List.of("/bin/sleep", sleep), GENEROUS))
          .isInstanceOfSatisfying(CommandException.class,
              e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.INTERRUPTED))
          .hasMessage("/bin/sleep was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag restored").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(waitUntil(() -> liveProcessesWithArgument(sleep) == 0, 2000)).isTrue();
  }

  @Test
  void aMissingAbsolutePathIsNotFound() {
    assertThatThrownBy(() -> run("/nonexistent/vigil-no-such-tool", "status"))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.NOT_FOUND))
        .hasMessage("cannot execute /nonexistent/vigil-no-such-tool: not found");
  }

  @Test
  void aFileWithoutExecutePermissionIsNotExecutable() throws Exception {
    Path script = dir.resolve("tool");
    Files.writeString(script, "#!/bin/sh\necho should not run\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> run(script.toString()))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.NOT_EXECUTABLE))
        .hasMessage("cannot execute " + script + ": not an executable file");
  }

  @Test
  void aDirectoryIsNotExecutable() {
    assertThatThrownBy(() -> run(dir.toString()))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.NOT_EXECUTABLE))
        .hasMessageContaining("not an executable file");
  }

  @Test
  void aMissingProgramOnThePathFailsToStart() {
    assertThatThrownBy(() -> run("vigil-no-such-tool-on-path"))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.kind()).isEqualTo(CommandException.Kind.START_FAILED))
        .hasMessage("cannot execute vigil-no-such-tool-on-path: No such file or directory");
  }

  @Test
  void anEmptyCommandIsAProgrammingError() {
    assertThatThrownBy(() -> new CommandRunner().run(List.of(), GENEROUS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty command");
  }

  @Test
  void stdoutBeyondTheCapIsTruncatedAndFlagged() throws Exception {
    CommandResult r =
        new CommandRunner(1000).run(List.of("/bin/sh", "-c", "yes | head -c 100000"), GENEROUS);

    // The child was drained to the end, not blocked on a full pipe.
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutTruncated()).isTrue();
    assertThat(r.stdout()).hasSize(1000);
    assertThat(text(r.stdout())).isEqualTo("y\n".repeat(500));
    assertThatThrownBy(() -> r.stdoutText("yes"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("yes: output larger than");
  }

  @ParameterizedTest(name = "cap {0}, output [{1}]: truncated={2}")
  @CsvSource({"6, hello, false", "5, hello, true", "0, hello, true"})
  void theCapIsExact(int cap, String word, boolean truncated) throws Exception {
    CommandResult r = new CommandRunner(cap).run(List.of("/bin/echo", word), GENEROUS);

    assertThat(r.stdoutTruncated()).isEqualTo(truncated);
    assertThat(text(r.stdout())).isEqualTo((word + "\n").substring(0, Math.min(cap, 6)));
  }

  @Test
  void stderrIsCapped() throws Exception {
    CommandResult r = run("/bin/sh", "-c", "yes | head -c 100000 >&2; echo done");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).hasSize(CommandRunner.STDERR_LIMIT);
    assertThat(text(r.stdout())).isEqualTo("done\n");
    assertThat(r.stdoutTruncated()).isFalse();
  }

  @Test
  void stderrFirstLineIsPrintable() {
    CommandResult r =
        new CommandResult(List.of("/bin/x"), 1, new byte[0],
            "  \u001b[31mfailed|badly\t\nsecond line\n".getBytes(StandardCharsets.UTF_8),
            false, Duration.ZERO);

    assertThat(r.stderrFirstLine()).isEqualTo("\\x1b[31mfailed\\x7cbadly\\t");
  }

  @Test
  void resultBytesAreDefensiveCopies() {
    byte[] out = "abc".getBytes(StandardCharsets.UTF_8);
    CommandResult r = new CommandResult(List.of("/bin/x"), 0, out, new byte[0], false,
        Duration.ZERO);
    out[0] = 'X';
    r.stdout()[1] = 'Y';

    assertThat(text(r.stdout())).isEqualTo("abc");
  }
}

package org.vigil.packaging;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shipped executables and real tools as new processes, the way a monitoring core does. */
final class Processes {
  /** Exit code, stdout and stderr of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  private Processes() {}

  /**
   * Runs a fixed argv with {@code env} on top of this JVM's environment (a null value removes a
   * variable), stdin from /dev/null, stdout and stderr in files under {@code logDir} (a full pipe
   * must never block the child), and kills it and its descendants after {@code timeout}.
   */
  static Result run(Path logDir, String label, Duration timeout, Map<String, String> env,
      String... argv) throws IOException, InterruptedException {
    Path out = Files.createTempFile(logDir, label, ".out");
    Path err = Files.createTempFile(logDir, label, ".err");
    ProcessBuilder pb = new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("hung for more than " + timeout + ": " + List.of(argv)
            + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The executable {@code name} on PATH or in the usual sbin/bin directories; null if none. */
  static Path findTool(String name) {
    List<String> dirs = new java.util.ArrayList<>(
        List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return null;
  }
}

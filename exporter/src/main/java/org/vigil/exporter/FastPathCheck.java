package org.vigil.exporter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vigil.cluster.cli.CheckCluster;
import org.vigil.core.CommandRunner;
import org.vigil.core.ParseException;
import org.vigil.drbd.cli.CheckDrbd;
import org.vigil.raid.cli.CheckRaid;
import org.vigil.raid.live.BtrfsLive;

/**
 * A check the fast path runs in the exporter, with every option it lets a caller pass.
 *
 * <p>The exporter reads with privileges its callers may lack (CAP_DAC_READ_SEARCH), so it must
 * never read a file a caller names. The vocabulary below is an allow-list: an option it does not
 * know (a new one, a renamed one), an argument file ({@code @FILE}), stdin ({@code -}), a
 * positional argument, or a value that could be read as an option is refused, and the caller
 * falls back to the standalone check, which runs with the caller's own privileges. A refusal
 * costs time, never a different answer.
 */
enum FastPathCheck {
  DRBD("org.vigil.drbd.cli.CheckDrbd", List.of(
      Option.source("--proc-drbd", "/proc/drbd", s -> s.procfs().resolve("drbd")),
      Option.source("--drbdsetup", "/usr/sbin/drbdsetup", s -> s.tool(Tool.DRBDSETUP)),
      Option.fileOnly("--status-json"),
      Option.value("-r", "--resource"),
      Option.value("--expect-role"),
      Option.value("-w", "--warning"),
      Option.value("-c", "--critical"),
      Option.flag("--allow-dual-primary"),
      Option.flag("--allow-diskless"),
      Option.flag("--promotion-guard"))) {
    @Override
    int run(String[] args, PrintStream out) {
      return CheckDrbd.run(args, out, new CommandRunner());
    }
  },
  RAID("org.vigil.raid.cli.CheckRaid", List.of(
      Option.source("--mdstat", "/proc/mdstat", s -> s.procfs().resolve("mdstat")),
      Option.source("--sysfs", "/sys", Sources::sysfs),
      Option.source("--btrfs", "/usr/bin/btrfs", s -> s.tool(Tool.BTRFS)),
      Option.fileOnly("--mdadm-detail"),
      Option.fileOnly("--btrfs-scrub-status"),
      Option.fileOnly("--btrfs-device-stats"),
      new Option(List.of("--btrfs-mount"), Kind.BTRFS_MOUNT, null, null),
      Option.value("-a", "--array"),
      Option.value("--scrub-max-age"),
      Option.value("--now"),
      Option.flag("--warn-read-only"),
      Option.flag("--btrfs-all"),
      Option.flag("--allow-none"))) {
    @Override
    int run(String[] args, PrintStream out) {
      // What the standalone check_raid reads for --btrfs-all, whatever --path.procfs says.
      return CheckRaid.run(args, out, new CommandRunner());
    }
  },
  CLUSTER("org.vigil.cluster.cli.CheckCluster", List.of(
      Option.source("--crm-mon", "/usr/sbin/crm_mon", s -> s.tool(Tool.CRM_MON)),
      Option.source("--corosync-quorumtool", "/usr/sbin/corosync-quorumtool",
          s -> s.tool(Tool.COROSYNC_QUORUMTOOL)),
      Option.source("--corosync-cfgtool", "/usr/sbin/corosync-cfgtool",
          s -> s.tool(Tool.COROSYNC_CFGTOOL)),
      Option.source("--cl-status", "/usr/bin/cl_status", null),
      Option.fileOnly("--crm-mon-xml"),
      Option.fileOnly("--quorumtool"),
      Option.fileOnly("--cfgtool"),
      Option.fileOnly("--heartbeat"),
      Option.value("--stack"),
      Option.value("--ignore-resource"),
      Option.value("--expect-nodes"),
      Option.value("--failcount-warn"),
      Option.flag("--no-corosync"),
      Option.flag("--warn-bans"))) {
    @Override
    int run(String[] args, PrintStream out) {
      return CheckCluster.run(args, out, new CommandRunner());
    }
  };

  /** What an option's value is, for the policy. */
  enum Kind {
    /** No value. */
    FLAG,
    /** A value that names nothing on the file system (a resource, a range, a number). */
    VALUE,
    /** A file, directory or tool: only the check's default or the exporter's own source. */
    SOURCE,
    /** A saved copy of a source: the exporter has none of its own, so always refused. */
    FILE_ONLY,
    /** A btrfs mount point: only those the exporter's btrfs collector looks at. */
    BTRFS_MOUNT
  }

  /**
   * @param names the option's names, e.g. {@code -r} and {@code --resource}
   * @param systemDefault what the check reads when the option is absent (SOURCE only)
   * @param exporterSource the exporter's own counterpart (SOURCE only; null: none)
   */
  record Option(List<String> names, Kind kind, String systemDefault,
      Function<Sources, Path> exporterSource) {
    static Option flag(String... names) {
      return new Option(List.of(names), Kind.FLAG, null, null);
    }

    static Option value(String... names) {
      return new Option(List.of(names), Kind.VALUE, null, null);
    }

    static Option source(String name, String systemDefault, Function<Sources, Path> exporter) {
      return new Option(List.of(name), Kind.SOURCE, systemDefault, exporter);
    }

    static Option fileOnly(String name) {
      return new Option(List.of(name), Kind.FILE_ONLY, null, null);
    }
  }

  /** The plugin options every check shares (org.vigil.core.cli.CommandSpec: -t, -v, -h, -V). */
  private static List<Option> common() {
    return List.of(
        Option.value("-t", "--timeout"),
        Option.flag("-v", "--verbose"),
        Option.flag("-h", "--help"),
        Option.flag("-V", "--version"));
  }

  private final String mainClass;
  private final List<Option> own;
  private final Map<String, Option> options;

  FastPathCheck(String mainClass, List<Option> own) {
    this.mainClass = mainClass;
    this.own = own;
    Map<String, Option> byName = new java.util.HashMap<>();
    for (Option o : own) {
      o.names().forEach(n -> byName.put(n, o));
    }
    for (Option o : common()) {
      o.names().forEach(n -> byName.put(n, o));
    }
    this.options = Map.copyOf(byName);
  }

  /** Runs the check as its command line would, on stdout {@code out}; returns the exit code. */
  abstract int run(String[] args, PrintStream out);

  String mainClass() {
    return mainClass;
  }

  /** The check whose launcher main class is {@code mainClass}. */
  static Optional<FastPathCheck> byMainClass(String mainClass) {
    for (FastPathCheck c : values()) {
      if (c.mainClass.equals(mainClass)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The command line that reads this exporter's own sources: always served ({@link #refusal}). */
  List<String> ownSources(Sources sources) {
    List<String> args = new ArrayList<>();
    for (Option o : own) {
      if (o.kind() == Kind.SOURCE && o.exporterSource() != null) {
        args.add(o.names().get(0));
        args.add(absolute(o.exporterSource().apply(sources)));
      }
    }
    return args;
  }

  /**
   * Why the exporter must not run this command line for a caller, or empty when it may: every
   * file, directory and tool it names is the check's default or the exporter's own.
   */
  Optional<String> refusal(List<String> args, Sources sources) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size() && problems.isEmpty(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Option o = options.get(name);
        if (o == null) {
          return Optional.of("option " + name + " is not served by the fast path");
        }
        if (o.kind() == Kind.FLAG) {
          if (eq >= 0) {
            return Optional.of(name + " takes no value");
          }
          continue;
        }
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          return Optional.of(name + " without a value");
        }
        check(name, o, value, sources).ifPresent(problems::add);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        // A cluster of short flags (-vvv) that may end in one short option with its value
        // attached (-t5, -vr r0) or in the next argument.
        for (int j = 1; j < arg.length(); j++) {
          String name = "-" + arg.charAt(j);
          Option o = options.get(name);
          if (o == null) {
            return Optional.of("option " + name + " is not served by the fast path");
          }
          if (o.kind() == Kind.FLAG) {
            continue;
          }
          String value;
          if (j + 1 < arg.length()) {
            value = arg.substring(j + 1);
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            return Optional.of(name + " without a value");
          }
          check(name, o, value, sources).ifPresent(problems::add);
          break;
        }
      } else {
        // Positional arguments, "-" (stdin) and "@FILE" (picocli reads arguments from FILE).
        return Optional.of("argument '" + arg + "' is not served by the fast path");
      }
    }
    return problems.stream().findFirst();
  }

  private static Optional<String> check(String name, Option o, String value, Sources sources) {
    if (value.startsWith("-") || value.startsWith("@") || value.startsWith("=")) {
      // Could be read as an option, stdin or an argument file by the check's parser.
      return Optional.of(name + " " + value + ": a value starting with - @ or = is not served"
          + " by the fast path");
    }
    switch (o.kind()) {
      case VALUE:
        return Optional.empty();
      case FILE_ONLY:
        return Optional.of(name + " names a file the exporter does not read itself");
      case SOURCE: {
        Set<String> allowed = new java.util.HashSet<>();
        allowed.add(o.systemDefault());
        if (o.exporterSource() != null) {
          allowed.add(absolute(o.exporterSource().apply(sources)));
        }
        return allowed.contains(value) ? Optional.empty()
            : Optional.of(name + " " + value + " is neither " + o.systemDefault()
                + " nor the exporter's own source");
      }
      case BTRFS_MOUNT: {
        Path mounts = sources.procfs().resolve("self").resolve("mounts");
        try {
          return BtrfsLive.mountPoints(mounts).contains(value) ? Optional.empty()
              : Optional.of(name + " " + value + " is not a btrfs mount point in " + mounts);
        } catch (IOException | ParseException | RuntimeException e) {
          return Optional.of(name + ": cannot read " + mounts);
        }
      }
      default:
        return Optional.of(name + " takes no value");
    }
  }

  /**
   * The exporter's path as a caller must spell it: absolute and normalised, compared as a
   * string (a caller's {@code ..} after a symbolic link would resolve elsewhere).
   */
  static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}

package org.vigil.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Build-time generator for the .deb and the tarball (not shipped in vigil.jar): the man pages and
 * the Debian changelog, gzipped the way Debian wants them ({@code gzip -9n}: maximum compression,
 * no name, no time stamp).
 *
 * <p>Each man page wraps the command's own {@code --help} text, printed by a child JVM that runs
 * the command's real {@code main} on this JVM's class path. That way the page shows exactly what
 * the program shows (including what {@code PluginCommandLine} adds at run time: the version
 * header, -h/-V, the exit-code list, the exporter's per-collector options), needs no way to build
 * the command objects (their constructors are package-private) and no AsciiDoc toolchain.
 *
 * <p>Usage: {@code PackageDocs OUTDIR MAVEN_VERSION MAINTAINER}; writes {@code OUTDIR/man/*.gz}
 * and {@code OUTDIR/changelog.gz}. {@code SOURCE_DATE_EPOCH}, if set, dates the changelog entry.
 */
public final class PackageDocs {
  /** Where the package installs the Nagios/Icinga plugins (not on PATH). */
  static final String PLUGINS = "/usr/lib/vigil/plugins";

  /**
   * One manual page.
   *
   * @param name the command name
   * @param section the man section; the plugins use {@code 1vigil} (see {@link #PAGES})
   * @param summary the NAME line after the dash
   * @param mainClass the class whose {@code main} prints the help
   * @param invocation how a person runs it once installed, for SYNOPSIS
   * @param helps argument lists whose output goes into the page, the first one into DESCRIPTION,
   *     the others as subsections named after their arguments
   * @param extra roff appended after DESCRIPTION (FILES, NOTES, SEE ALSO)
   */
  record Page(String name, String section, String summary, String mainClass, String invocation,
      List<List<String>> helps, String extra) {
    String fileName() {
      return name + "." + section + ".gz";
    }
  }

  private static final List<String> PLUGIN_NAMES = List.of("check_drbd", "check_raid", "check_cluster");

  /** SEE ALSO for a plugin's page: the other plugins, vigil and vigil-exporter. */
  private static String pluginSeeAlso(String self) {
    StringBuilder b = new StringBuilder(".SH SEE ALSO\n");
    for (String plugin : PLUGIN_NAMES) {
      if (!plugin.equals(self)) {
        b.append(".BR ").append(plugin).append(" (1vigil),\n");
      }
    }
    return b.append(".BR vigil (1),\n.BR vigil\\-exporter (1)\n").toString();
  }

  private static String pluginFiles(String name) {
    return ".SH FILES\n"
        + ".TP\n.I " + PLUGINS + "/" + name + "\n"
        + "This plugin. It is not on PATH: Debian's monitoring\\-plugins packages ship an"
        + " unrelated\n.I /usr/lib/nagios/plugins/" + name + "\nand the two never collide.\n"
        + ".TP\n.I /etc/nagios\\-plugins/config/vigil.cfg\nNagios command definitions.\n"
        + ".TP\n.I /usr/share/icinga2/include/plugins\\-contrib.d/vigil.conf\n"
        + "Icinga 2 CheckCommand definitions.\n"
        + ".TP\n.I /usr/share/vigil/vigil.jar\nThe program; run with the first\n.B java\non PATH,"
        + " or\n.B $JAVA_HOME/bin/java\nwhen JAVA_HOME is set.\n"
        + ".SH NOTES\nThe manual section is\n.B 1vigil\nso that this page can never conflict with a"
        + " manual page of the same name from another package:\n.B man 1vigil " + name + "\nselects it.\n"
        + pluginSeeAlso(name);
  }

  /**
   * The pages. The plugins' pages use section {@code 1vigil} (as OpenSSL's {@code passwd.1ssl}
   * does): {@code check_drbd}, {@code check_raid} and {@code check_cluster} are also the names of
   * unrelated Debian plugins, and monitoring-plugins-contrib already ships man pages for some of its
   * plugins, so a plain {@code check_drbd.1} could one day make dpkg refuse to install one of the
   * two packages. {@code man check_drbd} still finds the page.
   */
  static final List<Page> PAGES = List.of(
      new Page("check_drbd", "1vigil", "strict DRBD health check (Nagios/Icinga plugin)",
          "org.vigil.drbd.cli.CheckDrbd", PLUGINS + "/check_drbd", List.of(List.of("--help")),
          pluginFiles("check_drbd")),
      new Page("check_raid", "1vigil", "strict md and btrfs RAID health check (Nagios/Icinga plugin)",
          "org.vigil.raid.cli.CheckRaid", PLUGINS + "/check_raid", List.of(List.of("--help")),
          pluginFiles("check_raid")),
      new Page("check_cluster", "1vigil",
          "strict Pacemaker, Corosync and Heartbeat check (Nagios/Icinga plugin)",
          "org.vigil.cluster.cli.CheckCluster", PLUGINS + "/check_cluster",
          List.of(List.of("--help")), pluginFiles("check_cluster")),
      new Page("vigil", "1", "one-shot health report of an HA node", "org.vigil.exporter.VigilMain",
          "vigil", List.of(List.of("--help"), List.of("report", "--help")),
          ".SH EXIT STATUS\n.B vigil report\nexits with the worst verdict: 0 OK, 1 WARNING,"
              + " 2 CRITICAL, 3 UNKNOWN (also bad arguments).\n"
              + ".SH SEE ALSO\n.BR vigil\\-exporter (1),\n.BR check_drbd (1vigil),\n"
              + ".BR check_raid (1vigil),\n.BR check_cluster (1vigil)\n"),
      new Page("vigil-exporter", "1", "Prometheus exporter for DRBD, RAID and Pacemaker/Corosync",
          "org.vigil.exporter.ExporterMain", "vigil\\-exporter", List.of(List.of("--help")),
          ".SH FILES\n"
              + ".TP\n.I /lib/systemd/system/vigil\\-exporter.service\n"
              + "The systemd unit. The package does not enable or start it; run\n"
              + ".B systemctl enable \\-\\-now vigil\\-exporter\nto do so.\n"
              + ".TP\n.I /etc/default/vigil\\-exporter\nOptions for the service.\n"
              + ".TP\n.I /usr/share/vigil/prometheus/vigil\\-rules.yml\n"
              + "Prometheus alerting rules for the exporter's metrics.\n"
              + ".SH SEE ALSO\n.BR vigil (1),\n.BR check_drbd (1vigil),\n"
              + ".BR check_raid (1vigil),\n.BR check_cluster (1vigil)\n"));

  private static final long HELP_TIMEOUT_SECONDS = 60;

  private PackageDocs() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PackageDocs OUTDIR MAVEN_VERSION MAINTAINER");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    String version = args[1];
    String maintainer = args[2];
    Path man = out.resolve("man");
    Files.createDirectories(man);
    for (Page page : PAGES) {
      List<String> helps = new ArrayList<>();
      for (List<String> helpArgs : page.helps()) {
        helps.add(help(page.mainClass(), helpArgs));
      }
      Files.write(man.resolve(page.fileName()), gzip(
          manPage(page, version, helps).getBytes(StandardCharsets.US_ASCII)));
    }
    Files.write(out.resolve("changelog.gz"), gzip(
        changelog(version, maintainer, changelogDate()).getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs {@code MAIN ARGS} in a child JVM on this class path and returns its stdout. */
  static String help(String mainClass, List<String> args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dpicocli.ansi=false", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass));
    argv.addAll(args);
    Path stdout = Files.createTempFile("vigil-help-", ".out");
    Path stderr = Files.createTempFile("vigil-help-", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      pb.environment().put("LC_ALL", "C.UTF-8");
      pb.environment().remove("COLUMNS");
      Process p = pb.start();
      if (!p.waitFor(HELP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("hung for " + HELP_TIMEOUT_SECONDS + " s: " + argv);
      }
      String text = Files.readString(stdout, StandardCharsets.UTF_8);
      // The checks exit 3 (UNKNOWN) after --help, as the plugin guidelines ask; the others 0.
      if ((p.exitValue() != 0 && p.exitValue() != 3) || !text.contains("Usage:")) {
        throw new IOException(mainClass + " " + args + " exited " + p.exitValue()
            + " without a usage text:\n" + text + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return text;
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** A man(7) page: NAME, SYNOPSIS, the help text verbatim in DESCRIPTION, then the extras. */
  static String manPage(Page page, String version, List<String> helps) {
    StringBuilder b = new StringBuilder();
    b.append(".\\\" Generated by org.vigil.packaging.PackageDocs from ").append(page.name())
        .append(" --help; do not edit.\n");
    b.append(".TH ").append(escape(page.name().toUpperCase(Locale.ROOT))).append(' ')
        .append(page.section()).append(" \"\" \"Vigil ").append(escape(version))
        .append("\" \"Vigil\"\n");
    b.append(".SH NAME\n").append(escape(page.name())).append(" \\- ")
        .append(escape(page.summary())).append('\n');
    b.append(".SH SYNOPSIS\n.B ").append(page.invocation()).append("\n[\\fIOPTIONS\\fR]\n");
    b.append(".SH DESCRIPTION\n");
    verbatim(b, helps.get(0));
    for (int i = 1; i < helps.size(); i++) {
      List<String> args = page.helps().get(i);
      String title = page.name() + " " + String.join(" ", args.subList(0, args.size() - 1));
      b.append(".SS \"").append(escape(title)).append("\"\n");
      verbatim(b, helps.get(i));
    }
    b.append(page.extra());
    return b.toString();
  }

  private static void verbatim(StringBuilder b, String text) {
    b.append(".PP\n.nf\n");
    for (String line : text.strip().split("\n", -1)) {
      String escaped = escape(line.stripTrailing());
      b.append(escaped.isEmpty() ? "\\&" : escaped).append('\n');
    }
    b.append(".fi\n");
  }

  /**
   * Text as roff input: ASCII only ({@code \[uXXXX]} for the rest), backslash as {@code \e},
   * every hyphen as {@code \-} (options stay copy-and-pastable), and {@code \&} before a leading
   * period or apostrophe, which roff would otherwise read as a request.
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == '\\') {
        b.append("\\e");
      } else if (c == '-') {
        b.append("\\-");
      } else if (c == '\t') {
        b.append("        ");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(' ');
      } else if (c > 0x7e) {
        b.append(String.format(Locale.ROOT, "\\[u%04X]", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    if (b.length() > 0 && (b.charAt(0) == '.' || b.charAt(0) == '\'')) {
      b.insert(0, "\\&");
    }
    return b.toString();
  }

  /** jdeb 1.15's rule for pre-releases: 1.0-rc1 is 1.0~rc1, so that it sorts before 1.0. */
  private static final Pattern PRE_RELEASE = Pattern.compile("^(?:(?:(.*?)([.\\-_]))|((?:.*[^a-z0-9])?"
      + "[0-9]+|.*[^a-z0-9]))(alpha|a|beta|b|milestone|m|cr|rc)([^a-z].*)?$");

  /**
   * The Debian version jdeb derives from the Maven version with the pom's snapshot template:
   * 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT, 1.0-rc1 is 1.0~rc1. DebPackageIT checks that the changelog
   * and the control file agree.
   */
  static String debianVersion(String mavenVersion) {
    String v = mavenVersion;
    Matcher snapshot = Pattern.compile("(.*)[-+]SNAPSHOT").matcher(v);
    if (snapshot.matches()) {
      v = snapshot.group(1) + "~SNAPSHOT";
    } else {
      Matcher pre = PRE_RELEASE.matcher(v);
      if (pre.matches()) {
        String rest = pre.group(5) == null ? "" : pre.group(5);
        v = (pre.group(1) != null ? pre.group(1) : pre.group(3)) + "~" + pre.group(4) + rest;
      }
    }
    return v.replaceAll("[^.+~A-Za-z0-9]", "+").replaceAll("\\++", "+");
  }

  private static Instant changelogDate() {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    return epoch == null || epoch.isBlank() ? Instant.now()
        : Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
  }

  /** A one-entry native-package changelog (Debian policy wants one in every binary package). */
  static String changelog(String mavenVersion, String maintainer, Instant date) {
    return "vigil (" + debianVersion(mavenVersion) + ") unstable; urgency=medium\n\n"
        + "  * Built from the Vigil source tree, Maven version " + mavenVersion + ".\n"
        + "    See /usr/share/doc/vigil/README.md.\n\n"
        + " -- " + maintainer + "  "
        + DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC).format(date)
        + "\n";
  }

  /**
   * {@code gzip -9n}: maximum compression flagged in the header (XFL=2, which lintian checks),
   * no file name, time stamp 0, OS Unix.
   */
  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try (OutputStream deflate = new DeflaterOutputStream(new NonClosing(bytes), deflater)) {
      deflate.write(data);
    } finally {
      deflater.end();
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLe32(bytes, crc.getValue());
    writeLe32(bytes, data.length & 0xffffffffL);
    return bytes.toByteArray();
  }

  private static void writeLe32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  /** Keeps the deflater's close from closing the buffer we still append the trailer to. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

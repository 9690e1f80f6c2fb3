package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check_cluster against Pacemaker's own rendering: for each row of
 * {@code test-fixtures/cib/SCENARIOS.tsv}, the installed {@code crm_mon} renders the CIB file
 * ({@code CIB_file=CIB crm_mon --output-as=xml -1} and the legacy {@code --as-xml -1}), and the
 * shipped wrapper {@code packaging/bin/check_cluster --crm-mon-xml RENDERED ARGS} runs as Nagios
 * runs it (a new process, stdout and exit code) on both renders.
 *
 * <p>Needs {@code crm_mon} ({@code apt-get install -y pacemaker-cli-utils}; no running cluster:
 * {@code CIB_file} makes it read the file). Without it, or without
 * {@code packaging/bin/check_cluster}, the scenarios are skipped and say why, on stderr too.
 * The renders are checked even while check_cluster does not exist yet.
 *
 * <p>{@code VIGIL_CHECK_CLUSTER} (environment) may name another executable to run instead of the
 * wrapper, e.g. to try this test against a stub.
 */
class CibRenderIT {
  private static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  private static final Path CIBS = ROOT.resolve("test-fixtures/cib");
  private static final Path SCENARIOS = CIBS.resolve("SCENARIOS.tsv");
  private static final Path CHECK = Path.of(System.getenv().getOrDefault("VIGIL_CHECK_CLUSTER",
      ROOT.resolve("packaging/bin/check_cluster").toString()));
  private static final String HEADER = "file\tstatus\targs\tfragments\tcrm_mon_s\tprovenance";
  private static final Map<String, Integer> EXIT =
      Map.of("OK", 0, "WARNING", 1, "CRITICAL", 2, "UNKNOWN", 3);
  private static final Duration CRM_MON_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
  /** The Pacemaker release whose {@code crm_mon -s} lines the crm_mon_s column records. */
  private static final String RECORDED_PACEMAKER = "Pacemaker 2.1.5";

  /** The two XML shapes crm_mon 2.x can print, and the root element each starts with. */
  enum Shape {
    OUTPUT_AS_XML("<pacemaker-result ", "--output-as=xml", "-1"),
    LEGACY_AS_XML("<crm_mon ", "--as-xml", "-1");

    final String root;
    final List<String> options;

    Shape(String root, String... options) {
      this.root = root;
      this.options = List.of(options);
    }
  }

  record Scenario(String file, String status, List<String> args, List<String> fragments,
      String crmMonS, String provenance) {
    @Override
    public String toString() {
      return file + (args.isEmpty() ? "" : " " + String.join(" ", args)) + " -> " + status;
    }
  }


  private static Path crmMon;
  private static String crmMonVersion;
  private static String crmMonSkipReason;
  private Path workdir;

  static List<Scenario> scenarios() {
    List<String> lines;
    try {
      lines = Files.readAllLines(SCENARIOS, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SCENARIOS, e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IllegalStateException(SCENARIOS + ": first line must be exactly " + HEADER);
    }
    List<Scenario> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalStateException(SCENARIOS + ":" + (i + 1) + ": " + f.length
            + " tab-separated fields, expected 6: " + line);
      }
      List<String> args = f[2].equals("-") ? List.of() : List.of(f[2].trim().split("\\s+"));
      rows.add(new Scenario(f[0], f[1], args, List.of(f[3].split(" && ")), f[4], f[5]));
    }
    return rows;
  }

  @BeforeAll
  static void find_crm_mon() throws Exception {
    crmMon = Processes.findTool("crm_mon");
    if (crmMon == null) {
      crmMonSkipReason = "crm_mon not installed (apt-get install -y pacemaker-cli-utils)";
      System.err.println("CibRenderIT SKIPPED: " + crmMonSkipReason);
      return;
    }
    Path tmp = Files.createTempDirectory("vigil-cib-version-");
    try {
      Processes.Result v = run(tmp, "version", CRM_MON_TIMEOUT, Map.of(), crmMon.toString(), "--version");
      crmMonVersion = v.stdout().lines().findFirst().orElse("(no version line)").strip();
    } finally {
      deleteTree(tmp);
    }
    System.err.println("CibRenderIT: " + crmMon + " is " + crmMonVersion + "; check_cluster: "
        + CHECK + (Files.isExecutable(CHECK) ? "" : " (does not exist yet)"));
  }

  private static void assumeCrmMon() {
    Assumptions.assumeTrue(crmMonSkipReason == null,
        () -> "CibRenderIT skipped: " + crmMonSkipReason);
  }

  private static void assumeCheckCluster() {
    if (!Files.isExecutable(CHECK)) {
      String reason = CHECK + " does not exist yet (the check_cluster CLI is not built); "
          + "only the crm_mon renders were checked";
      System.err.println("CibRenderIT SKIPPED: " + reason);
      Assumptions.assumeTrue(false, () -> "CibRenderIT skipped: " + reason);
    }
  }

  @Test
  void every_cib_file_is_a_scenario_and_every_scenario_has_its_file() throws IOException {
    TreeSet<String> inTable = new TreeSet<>();
    for (Scenario s : scenarios()) {
      assertThat(CIBS.resolve(s.file())).as("SCENARIOS.tsv names %s", s.file()).isRegularFile();
      assertThat(EXIT).as("status of %s", s).containsKey(s.status());
      assertThat(s.fragments().get(0)).as("first fragment of %s", s)
          .isEqualTo("CLUSTER " + s.status() + " - ");
      assertThat(s.crmMonS()).as("crm_mon_s of %s", s).matches(".* \\(exit \\d+\\)");
      assertThat(s.provenance()).as("provenance of %s", s).isNotBlank();
      inTable.add(s.file());
    }
    try (Stream<Path> files = Files.list(CIBS)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cib.xml")))
          .as("CIB files in %s without a SCENARIOS.tsv row", CIBS)
          .allMatch(inTable::contains);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void check_cluster_gives_the_verdict_on_what_crm_mon_renders(Scenario s) throws Exception {
    assumeCrmMon();
    workdir = Files.createTempDirectory("vigil-cib-it-");
    Path cib = CIBS.resolve(s.file());

    Map<Shape, Path> rendered = new java.util.EnumMap<>(Shape.class);
    for (Shape shape : Shape.values()) {
      long t0 = System.nanoTime();
      List<String> argv = new ArrayList<>(List.of(crmMon.toString()));
      argv.addAll(shape.options);
      Processes.Result r = run(workdir, "crm_mon", CRM_MON_TIMEOUT, Map.of("CIB_file", cib.toString()),
          argv.toArray(String[]::new));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      String context = "CIB_file=" + cib + " " + String.join(" ", argv) + "\nstderr:\n"
          + r.stderr() + "\nstdout:\n" + r.stdout();
      assertThat(r.exitCode()).as(context).isZero();
      assertThat(r.stdout()).as(context).startsWith(shape.root);
      Path out = workdir.resolve(s.file().replace(".cib.xml", "") + "." + shape.name() + ".xml");
      Files.writeString(out, r.stdout(), StandardCharsets.UTF_8);
      rendered.put(shape, out);
      System.err.printf("CibRenderIT %s: crm_mon %s %d ms, %d bytes%n", s.file(),
          String.join(" ", shape.options), ms, r.stdout().length());
    }

    assumeCheckCluster();
    for (Shape shape : Shape.values()) {
      List<String> argv = new ArrayList<>(List.of(CHECK.toString(), "--crm-mon-xml",
          rendered.get(shape).toString()));
      argv.addAll(s.args());
      long t0 = System.nanoTime();
      Processes.Result r = run(workdir, "check_cluster", CHECK_TIMEOUT, Map.of(),
          argv.toArray(String[]::new));
      System.err.printf("CibRenderIT %s %s: check_cluster %d ms, exit %d: %s%n", s, shape,
          (System.nanoTime() - t0) / 1_000_000, r.exitCode(),
          r.stdout().lines().findFirst().orElse("(no output)"));
      String context = String.join(" ", argv) + "\n(" + shape + " render of " + cib + ")"
          + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
      assertThat(r.stdout()).as(context).startsWith("CLUSTER " + s.status() + " - ");
      assertThat(r.exitCode()).as(context).isEqualTo(EXIT.get(s.status()));
      for (String fragment : s.fragments()) {
        assertThat(r.stdout()).as(context).contains(fragment);
      }
      assertThat(r.stderr()).as(context + "\nnothing on stderr").isEmpty();
    }
  }

  /**
   * The crm_mon_s column is what the project note quotes beside check_cluster's verdict, so it
   * must stay true. {@code --simple-status} is gone in Pacemaker 3.0 and its wording may change
   * between 2.x releases: compared only on the release it was recorded with.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void the_recorded_crm_mon_simple_status_is_what_crm_mon_prints(Scenario s) throws Exception {
    assumeCrmMon();
    Assumptions.assumeTrue(RECORDED_PACEMAKER.equals(crmMonVersion),
        () -> "crm_mon_s was recorded with " + RECORDED_PACEMAKER + ", this is " + crmMonVersion);
    workdir = Files.createTempDirectory("vigil-cib-s-");
    Processes.Result r = run(workdir, "crm_mon-s", CRM_MON_TIMEOUT,
        Map.of("CIB_file", CIBS.resolve(s.file()).toString()), crmMon.toString(), "-s");
    String first = r.stdout().lines().findFirst().map(String::strip).orElse("");
    String shown = (first.isEmpty() ? "(empty stdout)" : first) + " (exit " + r.exitCode() + ")";
    assertThat(shown).as("CIB_file=%s crm_mon -s; stderr:%n%s", s.file(), r.stderr())
        .isEqualTo(s.crmMonS());
  }

  @AfterEach
  void remove_renders() throws IOException {
    if (workdir != null) {
      deleteTree(workdir);
      workdir = null;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> left = Files.walk(dir)) {
      for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }


  /** Runs with LC_ALL=C and without an inherited CIB_file, plus {@code env}. */
  static Processes.Result run(Path logDir, String label, Duration timeout, Map<String, String> env,
      String... argv) throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("CIB_file", null);
    all.put("LC_ALL", "C");
    all.putAll(env);
    return Processes.run(logDir, label, timeout, all, argv);
  }
}

package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitoring-system files the package ships, checked by the tools that read them:
 * {@code packaging/icinga2/vigil.conf} by {@code icinga2 daemon -C}, {@code
 * packaging/nagios/vigil.cfg} by {@code nagios4 -v}, {@code
 * packaging/systemd/vigil-exporter.service} by {@code systemd-analyze verify} and {@code
 * systemd-analyze security --offline=yes}; and the definitions against what the plugins accept
 * (their {@code --help}). Each tool check also has a broken variant that the tool must reject, so
 * the check can fail.
 *
 * <p>Needs {@code icinga2} ({@code apt-get install -y icinga2-bin icinga2-common}), {@code
 * nagios4} ({@code nagios4-core}) and {@code systemd-analyze} ({@code systemd}); without one, its
 * tests are skipped and say why, on stderr too. Nothing is started: configuration validation only
 * ({@link SchedulerIT} runs the schedulers). Works as root and as another user: Icinga runs as the
 * calling user ({@code ICINGA2_USER}); Nagios, as root, drops to the {@code nagios} user, so its
 * files are made readable and its writable directories owned by that user.
 */
class MonitoringConfigIT {
  static final Path ROOT = Path.of(System.getProperty("vigil.root", "..")).toAbsolutePath();
  static final Path ICINGA_CONF = ROOT.resolve("packaging/icinga2/vigil.conf");
  static final Path NAGIOS_CFG = ROOT.resolve("packaging/nagios/vigil.cfg");
  static final Path UNIT = ROOT.resolve("packaging/systemd/vigil-exporter.service");
  static final Path DEFAULTS = ROOT.resolve("packaging/default/vigil-exporter");
  static final Path BIN = ROOT.resolve("packaging/bin");
  /** Where the package installs the plugins; vigil.cfg and vigil.conf name them there. */
  static final String PLUGIN_DIR = "/usr/lib/vigil/plugins";
  /** Icinga CheckCommand name -> plugin (a file in packaging/bin, and its subcommand). */
  static final Map<String, String> ICINGA_COMMANDS = new LinkedHashMap<>(Map.of(
      "vigil-drbd", "check_drbd", "vigil-raid", "check_raid", "vigil-cluster", "check_cluster",
      "vigil-fleet", "vigil fleet-check"));
  /** Where the package installs vigil, beside the plugins; the fleet commands run it there. */
  static final String VIGIL = "/usr/lib/vigil/bin/vigil";
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  /** systemd-analyze security exposure (0 = locked down, 10 = none) the unit must stay within. */
  private static final double MAX_EXPOSURE = 3.0;

  private static Path icinga2;
  private static Path nagios4;
  private static Path systemdAnalyze;
  private Path workdir;

  @BeforeAll
  static void find_tools() throws Exception {
    icinga2 = Processes.findTool("icinga2");
    nagios4 = Processes.findTool("nagios4");
    systemdAnalyze = Processes.findTool("systemd-analyze");
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    for (Object[] t : new Object[][] {
        {"icinga2", icinga2, "icinga2-bin icinga2-common", new String[] {"--version"}},
        {"nagios4", nagios4, "nagios4-core", new String[] {"--version"}},
        {"systemd-analyze", systemdAnalyze, "systemd", new String[] {"--version"}}}) {
      Path tool = (Path) t[1];
      if (tool == null) {
        System.err.println("MonitoringConfigIT SKIPPED " + t[0] + " tests: " + t[0]
            + " not installed (apt-get install -y " + t[2] + ")");
        continue;
      }
      List<String> argv = new ArrayList<>(List.of(tool.toString()));
      argv.addAll(List.of((String[]) t[3]));
      Processes.Result v = run(tmp, "version", argv.toArray(String[]::new));
      System.err.println("MonitoringConfigIT: " + tool + " is " + (v.stdout() + v.stderr())
          .lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)"));
    }
  }

  @AfterEach
  void remove_workdir() throws IOException {
    if (workdir != null) {
      deleteTree(workdir);
      workdir = null;
    }
  }

  // ----------------------------------------------------------------------------------------
  // Icinga 2

  @Test
  void icinga2_validates_the_commands_with_the_itl_and_three_services() throws Exception {
    assumeTool(icinga2, "icinga2", "icinga2-bin icinga2-common");
    workdir = readableTempDir("vigil-icinga2-");
    Path conf = writeIcingaConfig(workdir, ICINGA_CONF, threeIcingaServices());
    Processes.Result r = icingaValidate(workdir, conf);
    String out = describe(r);
    assertThat(r.exitCode()).as(out).isZero();
    assertThat(r.stdout()).as(out)
        .contains("Instantiated 3 Services.")
        .contains("Instantiated 1 Host.")
        .contains("Finished validating the configuration file(s).")
        .doesNotContain("warning/config");

    // The objects Icinga built, from the object cache the validation wrote.
    Processes.Result list = run(workdir, "icinga2-object-list",
        icingaEnv(), icinga2.toString(), "object", "list", "--type", "CheckCommand",
        "--name", "vigil-*", "-DCacheDir=" + workdir.resolve("cache"));
    assertThat(list.exitCode()).as(describe(list)).isZero();
    Matcher m = Pattern.compile("(?m)^Object '([^']+)' of type 'CheckCommand':\\n\\s*% declared in '"
        + Pattern.quote(ICINGA_CONF.toString()) + "'").matcher(list.stdout());
    Set<String> declared = new TreeSet<>();
    while (m.find()) {
      declared.add(m.group(1));
    }
    assertThat(declared).as(describe(list)).isEqualTo(ICINGA_COMMANDS.keySet().stream()
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  /** What a typo must do: fail the validation and point at itself. */
  @Test
  void icinga2_rejects_a_typo_in_an_argument_an_attribute_or_a_command_name() throws Exception {
    assumeTool(icinga2, "icinga2", "icinga2-bin icinga2-common");
    workdir = readableTempDir("vigil-icinga2-bad-");
    String good = Files.readString(ICINGA_CONF, StandardCharsets.UTF_8);
    Map<String, String[]> broken = new LinkedHashMap<>();
    // {vigil.conf text, services, what the error must name}
    broken.put("argument attribute set_iff",
        new String[] {good.replaceFirst("set_if = ", "set_iff = "), threeIcingaServices(),
            "Invalid attribute: set_iff"});
    broken.put("object attribute comand",
        new String[] {good.replaceFirst("command = \\[", "comand = ["), threeIcingaServices(),
            "Attribute 'comand' does not exist"});
    broken.put("unknown CheckCommand",
        new String[] {good, threeIcingaServices().replace("\"vigil-raid\"", "\"vigil-riad\""),
            "vigil-riad"});
    for (var e : broken.entrySet()) {
      String[] b = e.getValue();
      assertThat(b[0].equals(good) && b[1].equals(threeIcingaServices()))
          .as("the %s variant is broken", e.getKey()).isFalse();
      Path dir = Files.createDirectory(workdir.resolve(e.getKey().replace(' ', '-')));
      Path copy = Files.writeString(dir.resolve("vigil.conf"), b[0], StandardCharsets.UTF_8);
      Path conf = writeIcingaConfig(dir, copy, b[1]);
      Processes.Result r = icingaValidate(dir, conf);
      assertThat(r.exitCode()).as("%s must fail validation:%n%s", e.getKey(), describe(r))
          .isNotZero();
      assertThat(r.stdout() + r.stderr()).as(e.getKey()).contains(b[2])
          .contains("Config validation failed");
    }
  }

  /**
   * Every option each plugin's --help lists (but -h and -V, which exit UNKNOWN) is an argument
   * of its CheckCommand, keyed by its long name, with the custom variable named after it
   * ({@code --expect-role} of vigil-drbd: {@code $vigil_drbd_expect_role$}); flags use set_if,
   * options with a value use value; repeatable options have repeat_key = true. No argument names
   * an option the plugin does not have.
   */
  @Test
  void every_option_of_each_plugin_is_an_argument_of_its_icinga_command() throws Exception {
    Map<String, Map<String, Map<String, String>>> commands = icingaArguments(
        Files.readString(ICINGA_CONF, StandardCharsets.UTF_8));
    assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(ICINGA_COMMANDS.keySet());
    Set<String> allowed = Set.of("value", "set_if", "repeat_key", "description", "required",
        "skip_key", "order", "key", "separator");
    for (var c : ICINGA_COMMANDS.entrySet()) {
      String command = c.getKey();
      Map<String, PluginOption> options = pluginOptions(c.getValue());
      options.keySet().removeAll(Set.of("--help", "--version"));
      Map<String, Map<String, String>> arguments = commands.get(command);
      assertThat(arguments.keySet()).as("arguments of %s vs. options of %s --help", command,
          c.getValue()).containsExactlyInAnyOrderElementsOf(options.keySet());
      String prefix = command.replace('-', '_') + "_";
      for (PluginOption o : options.values()) {
        Map<String, String> a = arguments.get(o.name());
        String macro = "\"$" + prefix + o.name().substring(2).replace('-', '_').replace('.', '_')
            + "$\"";
        assertThat(a.keySet()).as("%s %s", command, o.name()).isSubsetOf(allowed)
            .contains("description");
        if (o.flag()) {
          assertThat(a).as("%s %s is a flag", command, o.name())
              .containsEntry("set_if", macro).doesNotContainKey("value");
        } else {
          assertThat(a).as("%s %s takes %s", command, o.name(), o.valueLabel())
              .containsEntry("value", macro).doesNotContainKey("set_if");
        }
        assertThat("true".equals(a.get("repeat_key"))).as("%s %s repeatable", command, o.name())
            .isEqualTo(o.repeatable());
      }
      // The plugins from vigil_plugin_dir; vigil (fleet-check) from the bin/ beside it.
      String[] words = c.getValue().split(" ");
      StringBuilder argv = new StringBuilder("command = [ \"$vigil_plugin_dir$/")
          .append(words[0].startsWith("check_") ? "" : "../bin/").append(words[0]).append('"');
      for (int i = 1; i < words.length; i++) {
        argv.append(", \"").append(words[i]).append('"');
      }
      assertThat(Files.readString(ICINGA_CONF, StandardCharsets.UTF_8))
          .contains(argv.append(" ]").toString());
    }
  }

  static String threeIcingaServices() {
    return """
        object Host "ha-node1" {
          check_command = "hostalive"
          address = "192.0.2.10"
        }
        object Service "drbd" {
          host_name = "ha-node1"
          check_command = "vigil-drbd"
          vars.vigil_drbd_proc_drbd = "%s"
          vars.vigil_drbd_resource = [ "r0", "1" ]
          vars.vigil_drbd_expect_role = "Primary"
          vars.vigil_drbd_critical = "1073741824"
          vars.vigil_drbd_timeout = 5
        }
        object Service "raid" {
          host_name = "ha-node1"
          check_command = "vigil-raid"
          vars.vigil_raid_array = "md0"
          vars.vigil_raid_btrfs_all = true
          vars.vigil_raid_scrub_max_age = 14
        }
        object Service "cluster" {
          host_name = "ha-node1"
          check_command = "vigil-cluster"
          vars.vigil_cluster_expect_nodes = 2
          vars.vigil_cluster_warn_bans = true
          vars.vigil_cluster_no_corosync = false
          vars.vigil_cluster_ignore_resource = "^dummy-"
          vars.vigil_plugin_dir = "/opt/vigil/plugins"
        }
        """.formatted(ROOT.resolve("test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd"));
  }

  /**
   * A main configuration as /etc/icinga2/icinga2.conf has it, minus features and conf.d: the
   * constants, the ITL with the plugin commands and the contributed ones (where the package puts
   * vigil.conf), then {@code vigilConf} by path, then {@code objects}.
   */
  static Path writeIcingaConfig(Path dir, Path vigilConf, String objects) throws IOException {
    String conf = """
        const PluginDir = "/usr/lib/nagios/plugins"
        const PluginContribDir = "/usr/lib/nagios/plugins"
        const ManubulonPluginDir = "/usr/lib/nagios/plugins"
        const NodeName = "vigil-config-test"
        include <itl>
        include <plugins>
        include <plugins-contrib>
        include "%s"
        """.formatted(vigilConf) + objects;
    for (String d : List.of("cache", "data", "log", "spool", "run", "run/icinga2")) {
      Files.createDirectories(dir.resolve(d));
    }
    return Files.writeString(dir.resolve("icinga2.conf"), conf, StandardCharsets.UTF_8);
  }

  /** Icinga's state, cache, log and run directories under {@code dir}, none under /var or /run. */
  static List<String> icingaDirs(Path dir) {
    return List.of("-DCacheDir=" + dir.resolve("cache"), "-DDataDir=" + dir.resolve("data"),
        "-DLogDir=" + dir.resolve("log"), "-DSpoolDir=" + dir.resolve("spool"),
        "-DInitRunDir=" + dir.resolve("run"));
  }

  /** Icinga drops privileges to ICINGA2_USER (Debian: nagios) when root: keep the caller's. */
  static Map<String, String> icingaEnv() throws IOException {
    return Map.of("ICINGA2_USER", System.getProperty("user.name"),
        "ICINGA2_GROUP", currentGroup(), "LC_ALL", "C");
  }

  private static Processes.Result icingaValidate(Path dir, Path conf) throws Exception {
    List<String> argv = new ArrayList<>(
        List.of(icinga2.toString(), "daemon", "-C", "-c", conf.toString()));
    argv.addAll(icingaDirs(dir));
    return run(dir, "icinga2-C", icingaEnv(), argv.toArray(String[]::new));
  }

  /**
   * The arguments of each {@code object CheckCommand} in an Icinga file: command -> argument key
   * -> attribute -> value as written. Only the flat layout vigil.conf uses (one attribute per
   * line); anything else in an arguments block fails the parse.
   */
  static Map<String, Map<String, Map<String, String>>> icingaArguments(String text) {
    Map<String, Map<String, Map<String, String>>> commands = new TreeMap<>();
    Matcher object = Pattern.compile("(?m)^object CheckCommand \"([^\"]+)\" \\{$").matcher(text);
    while (object.find()) {
      int end = text.indexOf("\n}\n", object.end());
      assertThat(end).as("end of CheckCommand %s", object.group(1)).isPositive();
      String body = text.substring(object.end(), end);
      int open = body.indexOf("arguments = {");
      assertThat(open).as("arguments of %s", object.group(1)).isNotNegative();
      Map<String, Map<String, String>> arguments = new TreeMap<>();
      Map<String, String> current = null;
      for (String line : body.substring(open + "arguments = {".length()).split("\n")) {
        String l = line.strip();
        Matcher key = Pattern.compile("^\"(-[^\"]+)\" = \\{$").matcher(l);
        Matcher attr = Pattern.compile("^([a-z_]+) = (.+)$").matcher(l);
        if (l.isEmpty()) {
          continue;
        } else if (key.matches()) {
          assertThat(arguments).as("%s: argument %s twice", object.group(1), key.group(1))
              .doesNotContainKey(key.group(1));
          current = new TreeMap<>();
          arguments.put(key.group(1), current);
        } else if (l.equals("}")) {
          if (current == null) {
            break; // the end of the arguments block
          }
          current = null;
        } else if (attr.matches() && current != null) {
          current.put(attr.group(1), attr.group(2));
        } else {
          throw new AssertionError(object.group(1) + ": unexpected line in arguments: " + line);
        }
      }
      commands.put(object.group(1), arguments);
    }
    return commands;
  }

  // ----------------------------------------------------------------------------------------
  // Nagios

  @Test
  void nagios4_verifies_every_command_with_a_service_using_it() throws Exception {
    assumeTool(nagios4, "nagios4", "nagios4-core");
    workdir = readableTempDir("vigil-nagios-");
    Path vigilCfg = copyReadable(NAGIOS_CFG, workdir.resolve("vigil.cfg"));
    Map<String, String> commands = nagiosCommands(Files.readString(NAGIOS_CFG));
    Path main = writeNagiosConfig(workdir, vigilCfg, servicesUsing(commands), true);
    Processes.Result r = run(workdir, "nagios4-v", Map.of("LC_ALL", "C"),
        nagios4.toString(), "-v", main.toString());
    String out = describe(r);
    assertThat(r.stdout()).as(out)
        .contains("Checked " + commands.size() + " services.")
        .contains("Total Warnings: 0")
        .contains("Total Errors:   0");
    assertThat(r.exitCode()).as(out).isZero();
  }

  @Test
  void nagios4_rejects_a_typo_in_a_directive_or_a_command_name() throws Exception {
    assumeTool(nagios4, "nagios4", "nagios4-core");
    workdir = readableTempDir("vigil-nagios-bad-");
    String good = Files.readString(NAGIOS_CFG, StandardCharsets.UTF_8);
    Map<String, String> commands = nagiosCommands(good);
    String services = servicesUsing(commands);
    Map<String, String[]> broken = new LinkedHashMap<>();
    broken.put("directive command_lin", new String[] {
        good.replaceFirst("command_line ", "command_lin "), services, "'command_lin'"});
    broken.put("unknown command", new String[] {
        good, services.replaceFirst("check_command\\s+check_vigil_drbd_resource!",
            "check_command check_vigil_drbd_resourse!"), "check_vigil_drbd_resourse"});
    for (var e : broken.entrySet()) {
      String[] b = e.getValue();
      assertThat(b[0] + b[1]).as("the %s variant is broken", e.getKey())
          .isNotEqualTo(good + services);
      Path dir = Files.createDirectory(workdir.resolve(e.getKey().replace(' ', '-')));
      setMode(dir, "rwxr-xr-x");
      Path copy = Files.writeString(dir.resolve("vigil.cfg"), b[0], StandardCharsets.UTF_8);
      setMode(copy, "rw-r--r--");
      Path main = writeNagiosConfig(dir, copy, b[1], false);
      Processes.Result r = run(dir, "nagios4-v", Map.of("LC_ALL", "C"),
          nagios4.toString(), "-v", main.toString());
      assertThat(r.exitCode()).as("%s must fail:%n%s", e.getKey(), describe(r)).isNotZero();
      assertThat(r.stdout()).as(e.getKey()).contains(b[2]).doesNotContain("Total Errors:   0");
    }
  }

  /**
   * Every command runs one of the three plugins from /usr/lib/vigil/plugins (or vigil
   * fleet-check) and passes only options its --help lists; names are unique and carry the
   * check_vigil_ prefix.
   */
  @Test
  void every_nagios_command_runs_a_vigil_plugin_with_options_it_has() throws Exception {
    Map<String, String> commands = nagiosCommands(Files.readString(NAGIOS_CFG));
    assertThat(commands).containsKeys("check_vigil_drbd", "check_vigil_raid",
        "check_vigil_cluster", "check_vigil_drbd_resource", "check_vigil_raid_btrfs_all");
    Map<String, Map<String, PluginOption>> help = new HashMap<>();
    for (var c : commands.entrySet()) {
      assertThat(c.getKey()).startsWith("check_vigil_");
      List<String> words = List.of(c.getValue().trim().split("\\s+"));
      String plugin;
      if (words.get(0).equals(VIGIL)) {
        assertThat(words.get(1)).as(c.getKey()).isEqualTo("fleet-check");
        plugin = "vigil fleet-check";
        words = words.subList(1, words.size());
      } else {
        assertThat(words.get(0)).as(c.getKey()).matches(Pattern.quote(PLUGIN_DIR)
            + "/check_(drbd|raid|cluster)");
        plugin = words.get(0).substring(PLUGIN_DIR.length() + 1);
      }
      Map<String, PluginOption> options = help.computeIfAbsent(plugin, p -> {
        try {
          return pluginOptions(p);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Set<String> known = new TreeSet<>(options.keySet());
      options.values().forEach(o -> known.addAll(o.shortNames()));
      for (String w : words.subList(1, words.size())) {
        if (w.startsWith("-")) {
          assertThat(known).as("%s: %s is no option of %s --help", c.getKey(), w, plugin)
              .contains(w);
        } else {
          assertThat(w).as("%s: a value must be a quoted macro or the free-form $ARG1$",
              c.getKey()).matches("'\\$ARG[1-9]\\$'|\\$ARG1\\$|heartbeat");
        }
      }
    }
  }

  /** command_name -> command_line of each {@code define command} block. */
  static Map<String, String> nagiosCommands(String cfg) {
    Map<String, String> commands = new LinkedHashMap<>();
    Matcher block = Pattern.compile("(?ms)^define command \\{\\n(.*?)^\\}").matcher(cfg);
    while (block.find()) {
      Matcher name = Pattern.compile("(?m)^\\s*command_name\\s+(\\S+)\\s*$").matcher(block.group(1));
      Matcher line = Pattern.compile("(?m)^\\s*command_line\\s+(.+?)\\s*$").matcher(block.group(1));
      assertThat(name.find() && line.find()).as("command block:%n%s", block.group()).isTrue();
      assertThat(commands).as("command %s defined twice", name.group(1))
          .doesNotContainKey(name.group(1));
      commands.put(name.group(1), line.group(1));
    }
    assertThat(commands).as("define command blocks in vigil.cfg").isNotEmpty();
    return commands;
  }

  /** One service per command, with as many arguments as its command line uses. */
  static String servicesUsing(Map<String, String> commands) {
    StringBuilder s = new StringBuilder();
    for (var c : commands.entrySet()) {
      int args = 0;
      Matcher m = Pattern.compile("\\$ARG([1-9])\\$").matcher(c.getValue());
      while (m.find()) {
        args = Math.max(args, Integer.parseInt(m.group(1)));
      }
      StringBuilder check = new StringBuilder(c.getKey());
      for (int i = 1; i <= args; i++) {
        check.append('!').append(i == 1 ? "r0" : "Primary");
      }
      s.append("""
          define service {
              use                 vigil-test-service
              host_name           ha-node1
              service_description %s
              check_command       %s
          }
          """.formatted(c.getKey(), check));
    }
    return s.toString();
  }

  /**
   * A main configuration with every path under {@code dir}: vigilCfg, Debian's
   * /etc/nagios-plugins/config/*.cfg (as the installed package sees them: our names must not
   * collide with theirs; copied without any vigil.cfg already installed there), and the objects a
   * configuration needs (time period, contact, host, {@code services}), then {@code moreMain}
   * directives. Returns nagios.cfg.
   */
  static Path writeNagiosConfig(Path dir, Path vigilCfg, String services, boolean debianCommands,
      String... moreMain) throws IOException {
    String objects = """
        define timeperiod {
            timeperiod_name vigil-test-24x7
            alias           always
            sunday          00:00-24:00
            monday          00:00-24:00
            tuesday         00:00-24:00
            wednesday       00:00-24:00
            thursday        00:00-24:00
            friday          00:00-24:00
            saturday        00:00-24:00
        }
        define command {
            command_name    vigil-test-notify-none
            command_line    /bin/true
        }
        define contact {
            contact_name                  vigil-test-admin
            host_notifications_enabled    0
            service_notifications_enabled 0
            host_notification_period      vigil-test-24x7
            service_notification_period   vigil-test-24x7
            host_notification_options     n
            service_notification_options  n
            host_notification_commands    vigil-test-notify-none
            service_notification_commands vigil-test-notify-none
        }
        define host {
            host_name           ha-node1
            address             192.0.2.10
            max_check_attempts  1
            check_period        vigil-test-24x7
            notification_period vigil-test-24x7
            contacts            vigil-test-admin
        }
        define service {
            name                vigil-test-service
            register            0
            max_check_attempts  1
            check_interval      5
            retry_interval      1
            check_period        vigil-test-24x7
            notification_period vigil-test-24x7
            contacts            vigil-test-admin
        }
        """ + services;
    Path objectsCfg = Files.writeString(dir.resolve("objects.cfg"), objects, StandardCharsets.UTF_8);
    setMode(objectsCfg, "rw-r--r--");
    List<String> main = new ArrayList<>(List.of("cfg_file=" + vigilCfg, "cfg_file=" + objectsCfg));
    Path debian = Path.of("/etc/nagios-plugins/config");
    if (debianCommands && Files.isDirectory(debian)) {
      Path copies = Files.createDirectory(dir.resolve("nagios-plugins-config"));
      setMode(copies, "rwxr-xr-x");
      try (Stream<Path> files = Files.list(debian)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".cfg")
            && !f.getFileName().toString().equals("vigil.cfg")).toList()) {
          copyReadable(f, copies.resolve(f.getFileName()));
        }
      }
      main.add("cfg_dir=" + copies);
    }
    Path var = Files.createDirectories(dir.resolve("var"));
    Path results = Files.createDirectories(var.resolve("checkresults"));
    String user = nagiosUser();
    for (Path p : List.of(var, results)) {
      setMode(p, "rwxr-xr-x");
      giveTo(p, user);
    }
    main.addAll(List.of(
        "log_file=" + var.resolve("nagios.log"),
        "status_file=" + var.resolve("status.dat"),
        "object_cache_file=" + var.resolve("objects.cache"),
        "precached_object_file=" + var.resolve("objects.precache"),
        "temp_file=" + var.resolve("nagios.tmp"),
        "temp_path=" + var,
        "lock_file=" + var.resolve("nagios.lock"),
        "state_retention_file=" + var.resolve("retention.dat"),
        "check_result_path=" + results,
        "command_file=" + var.resolve("nagios.cmd"),
        "query_socket=" + var.resolve("nagios.qh"),
        "debug_file=" + var.resolve("nagios.debug"),
        "nagios_user=" + user,
        "nagios_group=" + groupOf(user),
        "check_external_commands=0",
        "use_syslog=0",
        "check_for_updates=0",
        "illegal_macro_output_chars=`~$&|'\"<>"));
    main.addAll(List.of(moreMain));
    Path cfg = Files.writeString(dir.resolve("nagios.cfg"), String.join("\n", main) + "\n",
        StandardCharsets.UTF_8);
    setMode(cfg, "rw-r--r--");
    return cfg;
  }

  /** As root, Nagios runs as nagios_user: the Debian package's nagios user. Else the caller. */
  static String nagiosUser() throws IOException {
    if (isRoot() && userExists("nagios")) {
      return "nagios";
    }
    return System.getProperty("user.name");
  }

  // ----------------------------------------------------------------------------------------
  // systemd

  @Test
  void systemd_analyze_verify_accepts_the_unit() throws Exception {
    assumeTool(systemdAnalyze, "systemd-analyze", "systemd");
    workdir = readableTempDir("vigil-systemd-");
    List<String> complaints = verifyComplaints(runnableUnit(workdir, null));
    assertThat(complaints).as("systemd-analyze verify on %s (ExecStart rewritten to %s)", UNIT,
        BIN.resolve("vigil-exporter")).isEmpty();

    // The shipped file as is: its only complaint may be the binary the package installs.
    Processes.Result r = run(workdir, "verify-shipped", Map.of("LC_ALL", "C"),
        systemdAnalyze.toString(), "verify", UNIT.toString());
    List<String> lines = (r.stdout() + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
    if (Files.isExecutable(Path.of("/usr/bin/vigil-exporter"))) {
      assertThat(lines).as(describe(r)).isEmpty();
    } else {
      assertThat(lines).as(describe(r)).isNotEmpty().allMatch(l -> l.contains(
          "Command /usr/bin/vigil-exporter is not executable: No such file or directory"));
    }
  }

  @Test
  void systemd_analyze_verify_complains_about_a_typo() throws Exception {
    assumeTool(systemdAnalyze, "systemd-analyze", "systemd");
    workdir = readableTempDir("vigil-systemd-bad-");
    assertThat(verifyComplaints(runnableUnit(workdir,
        u -> u.replace("\nNoNewPrivileges=yes\n", "\nNoNewPrivilegs=yes\n"))))
        .anyMatch(l -> l.contains("Unknown key") && l.contains("NoNewPrivilegs"));
    assertThat(verifyComplaints(runnableUnit(workdir,
        u -> u.replace("\nProtectHome=read-only\n", "\nProtectHome=readonly\n"))))
        .anyMatch(l -> l.contains("readonly"));
  }

  @Test
  void systemd_analyze_security_rates_the_unit_within_the_exposure_budget() throws Exception {
    assumeTool(systemdAnalyze, "systemd-analyze", "systemd");
    workdir = readableTempDir("vigil-systemd-security-");
    Path unit = runnableUnit(workdir, null);
    Processes.Result r = run(workdir, "security", Map.of("LC_ALL", "C", "SYSTEMD_COLORS", "0"),
        systemdAnalyze.toString(), "security", "--offline=yes", "--no-pager", unit.toString());
    Matcher m = Pattern.compile("Overall exposure level for vigil-exporter\\.service: (\\d+\\.\\d+)")
        .matcher(r.stdout());
    Assumptions.assumeTrue(r.exitCode() == 0 || m.find(0), () -> "MonitoringConfigIT skipped:"
        + " this systemd-analyze cannot rate unit files offline (security --offline=yes needs"
        + " systemd 250):\n" + describe(r));
    assertThat(m.find(0)).as(describe(r)).isTrue();
    double exposure = Double.parseDouble(m.group(1));
    System.err.println("MonitoringConfigIT: systemd-analyze security exposure of the unit: "
        + exposure);
    assertThat(exposure).as(describe(r)).isLessThanOrEqualTo(MAX_EXPOSURE);
  }

  /**
   * The settings the unit's comments justify, held in place: systemd-analyze accepts a unit
   * whatever it grants, and MemoryDenyWriteExecute=yes would only show when the JVM dies.
   */
  @Test
  void the_unit_grants_what_the_collectors_need_and_nothing_that_breaks_the_jvm()
      throws IOException {
    Map<String, String> unit = unitSettings(Files.readString(UNIT, StandardCharsets.UTF_8));
    Map<String, String> required = new LinkedHashMap<>();
    required.put("ExecStart", "/usr/bin/vigil-exporter $FAST_PATH $ARGS");
    required.put("Environment", "FAST_PATH=--fast-path.socket=/run/vigil/fast-path.sock");
    required.put("RuntimeDirectory", "vigil");
    required.put("EnvironmentFile", "-/etc/default/vigil-exporter");
    required.put("User", "vigil-exporter");
    required.put("Group", "haclient");
    required.put("Restart", "on-failure");
    required.put("NoNewPrivileges", "yes");
    required.put("ProtectSystem", "strict");
    required.put("ProtectHome", "read-only");
    required.put("PrivateTmp", "yes");
    required.put("PrivateDevices", "yes");
    required.put("ProtectKernelTunables", "yes");
    required.put("ProtectControlGroups", "yes");
    required.put("LockPersonality", "yes");
    required.put("SystemCallArchitectures", "native");
    required.put("RestrictNamespaces", "yes");
    assertThat(unit).containsAllEntriesOf(required);
    assertThat(Set.of(unit.get("RestrictAddressFamilies").split(" ")))
        .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
    Set<String> caps = Set.of("CAP_SYS_ADMIN", "CAP_DAC_READ_SEARCH");
    assertThat(Set.of(unit.get("CapabilityBoundingSet").split(" "))).isEqualTo(caps);
    assertThat(Set.of(unit.get("AmbientCapabilities").split(" "))).isEqualTo(caps);
    assertThat(unit.get("SystemCallFilter")).startsWith("~").contains("@mount")
        .contains("@privileged");
    // The JIT needs W+X memory; /proc/mdstat and /proc/drbd are not pid files; capabilities in a
    // user namespace do not reach btrfs; RemoveIPC with Group=haclient deletes Pacemaker's IPC.
    assertThat(unit).doesNotContainKeys("MemoryDenyWriteExecute", "ProcSubset", "PrivateUsers",
        "RemoveIPC", "DynamicUser", "ReadWritePaths", "PrivateNetwork");
  }

  /** /etc/default/vigil-exporter: comments, ARGS="" and nothing else set; options it names exist. */
  @Test
  void the_defaults_file_sets_empty_args_and_names_only_real_options() throws Exception {
    List<String> lines = Files.readAllLines(DEFAULTS, StandardCharsets.UTF_8);
    assertThat(lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")))
        .containsExactly("ARGS=\"\"");
    workdir = readableTempDir("vigil-defaults-");
    Processes.Result help = run(workdir, "exporter-help", Map.of(),
        BIN.resolve("vigil-exporter").toString(), "--help");
    assertThat(help.exitCode()).as(describe(help)).isZero();
    Matcher m = Pattern.compile("--(?:no-)?([a-z_][a-z_-]*(?:\\.[a-z_-]+)*)").matcher(
        String.join("\n", lines));
    int named = 0;
    String usage = help.stdout().replaceAll("\\s+", "");
    while (m.find()) {
      named++;
      assertThat(Pattern.compile("--(\\[no-])?" + Pattern.quote(m.group(1)) + "(?![a-z_.-])")
          .matcher(usage).find()).as("vigil-exporter --help lists %s:%n%s", m.group(),
              help.stdout()).isTrue();
    }
    assertThat(named).as("options named in %s", DEFAULTS).isPositive();
  }

  /** The unit with ExecStart pointing at the checkout's wrapper, optionally edited, in dir. */
  private static Path runnableUnit(Path dir, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    String text = Files.readString(UNIT, StandardCharsets.UTF_8);
    String runnable = text.replace("\nExecStart=/usr/bin/vigil-exporter $FAST_PATH $ARGS\n",
        "\nExecStart=" + BIN.resolve("vigil-exporter") + " $FAST_PATH $ARGS\n");
    assertThat(runnable).as("ExecStart rewritten").isNotEqualTo(text);
    if (edit != null) {
      String edited = edit.apply(runnable);
      assertThat(edited).as("the edit changed the unit").isNotEqualTo(runnable);
      runnable = edited;
    }
    Path sub = Files.createTempDirectory(dir, "unit-");
    setMode(sub, "rwxr-xr-x");
    return Files.writeString(sub.resolve("vigil-exporter.service"), runnable,
        StandardCharsets.UTF_8);
  }

  /**
   * What {@code systemd-analyze verify} says about a unit: it exits 0 on unknown keys and
   * unparsable values and only prints them, so every printed line is a complaint. Skips when this
   * systemd-analyze cannot verify at all here (no manager in a container).
   */
  private List<String> verifyComplaints(Path unit) throws Exception {
    Processes.Result r = run(unit.getParent(), "verify", Map.of("LC_ALL", "C"),
        systemdAnalyze.toString(), "verify", unit.toString());
    String all = r.stdout() + r.stderr();
    Assumptions.assumeFalse(all.contains("Failed to initialize manager")
        || all.contains("Failed to set up manager"), () -> "MonitoringConfigIT skipped:"
        + " systemd-analyze verify cannot run here:\n" + describe(r));
    List<String> complaints = all.lines().filter(l -> !l.isBlank()).toList();
    if (complaints.isEmpty()) {
      assertThat(r.exitCode()).as(describe(r)).isZero();
    }
    return complaints;
  }

  /** Key -> value of the unit's settings (the last one wins; comments and sections dropped). */
  static Map<String, String> unitSettings(String unit) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : unit.split("\n")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      assertThat(eq).as("unit line %s", line).isPositive();
      settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return settings;
  }

  // ----------------------------------------------------------------------------------------
  // The plugins' options, from their --help

  /** One option as a plugin's --help lists it. */
  record PluginOption(String name, List<String> shortNames, String valueLabel,
      boolean repeatable) {
    boolean flag() {
      return valueLabel == null;
    }
  }

  /**
   * The options {@code packaging/bin/PLUGIN --help} lists, by long name: option lines start with
   * {@code -x, --name} or {@code --name}, a value as {@code =LABEL}; an option is repeatable when
   * the usage shows it as {@code [...]...} or its description says "repeatable". PLUGIN may
   * name a subcommand after the file ({@code vigil fleet-check}), whose picocli help has no
   * Options: heading: its options start at the first option line.
   */
  static Map<String, PluginOption> pluginOptions(String plugin) throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<String> argv = new ArrayList<>(List.of(plugin.split(" ")));
    argv.set(0, BIN.resolve(argv.get(0)).toString());
    argv.add("--help");
    Processes.Result r = run(tmp, plugin.replace(' ', '-') + "-help", Map.of(),
        argv.toArray(String[]::new));
    assertThat(r.stdout()).as("%s --help:%n%s", plugin, describe(r)).contains("Usage:");
    String help = r.stdout();
    String usage = help.substring(0, help.indexOf("\n\n")).replaceAll("\\s+", " ");
    Map<String, PluginOption> options = new TreeMap<>();
    Pattern line = Pattern.compile(
        "(?m)^\\s+(?:(-[A-Za-z]), )?(--[a-z][a-z0-9.-]*)(=\\S+)?(?:\\s+(.*))?$");
    int optionsAt = help.indexOf("\nOptions:\n");
    if (optionsAt < 0 && !plugin.startsWith("check_")) {
      Matcher first = line.matcher(help);
      optionsAt = first.find() ? first.start() : -1;
    }
    assertThat(optionsAt).as("%s --help has an Options: section", plugin).isPositive();
    List<String> lines = help.substring(optionsAt).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("[A-Z][A-Za-z ]*:") && !lines.get(i).equals("Options:")) {
        break;   // the next section (Examples:), whose command lines are not option lines
      }
      Matcher m = line.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      StringBuilder description = new StringBuilder(m.group(4) == null ? "" : m.group(4));
      for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank()
          && !line.matcher(lines.get(j)).matches(); j++) {
        description.append(' ').append(lines.get(j).strip());
      }
      String name = m.group(2);
      List<String> shorts = m.group(1) == null ? List.of() : List.of(m.group(1));
      String label = m.group(3) == null ? null : m.group(3).substring(1);
      boolean repeatable = description.toString().contains("(repeatable)");
      List<String> names = new ArrayList<>(shorts);
      names.add(name);
      for (String n : names) {
        if (usage.matches(".*\\[" + Pattern.quote(n) + "=\\S*\\]\\.\\.\\..*")) {
          repeatable = true;
        }
      }
      options.put(name, new PluginOption(name, shorts, label, repeatable));
    }
    assertThat(options).as("%s --help options", plugin).containsKeys("--help", "--timeout");
    return options;
  }

  // ----------------------------------------------------------------------------------------
  // Shared with SchedulerIT

  static void assumeTool(Path tool, String name, String packages) {
    Assumptions.assumeTrue(tool != null, () -> "skipped: " + name
        + " not installed (apt-get install -y " + packages + ")");
  }


  static boolean isRoot() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[2].equals("0");
      }
    }
    return false;
  }

  static boolean userExists(String user) throws IOException {
    UserPrincipalLookupService users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
    try {
      users.lookupPrincipalByName(user);
      return true;
    } catch (UserPrincipalNotFoundException e) {
      return false;
    }
  }

  /** The primary group of a user, from /etc/group and /etc/passwd via `id -gn`. */
  static String groupOf(String user) throws IOException {
    try {
      Processes.Result r = Processes.run(Path.of(System.getProperty("java.io.tmpdir")), "id",
          Duration.ofSeconds(10), Map.of(), "id", "-gn", user);
      if (r.exitCode() == 0 && !r.stdout().isBlank()) {
        return r.stdout().strip();
      }
      throw new IOException("id -gn " + user + ": " + r.stderr());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The effective group of this JVM: the group of a file it creates. */
  static String currentGroup() throws IOException {
    Path probe = Files.createTempFile("vigil-group-", ".probe");
    try {
      return Files.readAttributes(probe, PosixFileAttributes.class).group().getName();
    } finally {
      Files.delete(probe);
    }
  }

  /** A new directory under java.io.tmpdir that other users (nagios) may enter and read. */
  static Path readableTempDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    setMode(dir, "rwxr-xr-x");
    return dir;
  }

  static void setMode(Path p, String mode) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  static Path copyReadable(Path from, Path to) throws IOException {
    Files.copy(from, to);
    setMode(to, Files.isExecutable(from) ? "rwxr-xr-x" : "rw-r--r--");
    return to;
  }

  /** As root, makes {@code user} (and its group) the owner of {@code p}; otherwise nothing. */
  static void giveTo(Path p, String user) throws IOException {
    if (!isRoot() || user.equals(System.getProperty("user.name"))) {
      return;
    }
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(p, users.lookupPrincipalByName(user));
    Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class)
        .setGroup(users.lookupPrincipalByGroupName(groupOf(user)));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> left = Files.walk(dir)) {
      for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String describe(Processes.Result r) {
    return "exit " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
  }

  static Processes.Result run(Path logDir, String label, String... argv) throws Exception {
    return run(logDir, label, Map.of("LC_ALL", "C"), argv);
  }

  static Processes.Result run(Path logDir, String label, Map<String, String> env, String... argv)
      throws IOException, InterruptedException {
    return Processes.run(logDir, label, TOOL_TIMEOUT, env, argv);
  }
}

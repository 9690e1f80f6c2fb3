package org.vigil.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.JsonReader;
import org.vigil.core.ParseException;
import org.vigil.fixtures.OutputShape;

/**
 * End to end in a real browser: the shipped vigil-exporter on 127.0.0.1 on the degraded demo tree
 * (test-fixtures/trees/degraded-node), its status page loaded by Debian's headless Chromium through
 * chromedriver's W3C WebDriver HTTP API. Every assertion is on what the browser made of the page
 * (innerText, computed styles, layout, what scripts ran), not on the HTML. The screenshots stay in
 * packaging/target/status-page/ beside chromedriver's log.
 */
class StatusPageBrowserIT {
  private static final Path TREE = RunningExporter.ROOT.resolve("test-fixtures/trees/degraded-node");
  private static final Path ARTEFACTS = RunningExporter.ROOT.resolve("packaging/target/status-page");
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final List<String> STATES = List.of("OK", "WARNING", "CRITICAL", "UNKNOWN");

  /** Pacemaker resources of the demo tree renamed, and what each name tries. */
  private static final Map<String, String> HOSTILE_RESOURCES = Map.of(
      "rsc_pcmk-1", "<script>window.vigilPwned=1</script>",
      "rsc_pcmk-2", "\"><img src=x onerror=\"window.vigilPwned=2\">&amp; 'q'",
      "rsc_pcmk-3", "r\u00e9s-\u65e5\u672c", // the page's charset
      "rsc_pcmk-4", "rsc_" + "0123456789".repeat(10)); // no break opportunity on a phone
  /** The longest host name Linux allows in one label, and a domain: the page's heading. */
  private static final String LONG_HOSTNAME =
      "node0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklm.example.internal";
  /** A DRBD connection state the parser refuses, quoted in the page's error text. */
  private static final String HOSTILE_TOKEN = "<svg/onload=window.vigilPwned=3>";

  @TempDir static Path browserHome;
  @TempDir Path work;
  private static WebDriver driver;

  @BeforeAll
  static void startChromedriver() throws Exception {
    Path chromium = Processes.findTool("chromium");
    Path chromedriver = Processes.findTool("chromedriver");
    Assumptions.assumeTrue(chromium != null && chromedriver != null,
        "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
            + " .ci/run installs them)");
    Files.createDirectories(ARTEFACTS);
    driver = new WebDriver(chromedriver, chromium, browserHome,
        ARTEFACTS.resolve("chromedriver.log"));
  }

  @AfterAll
  static void stopChromedriver() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void aDegradedNodeReadsAsDegradedInChromium() throws Exception {
    try (RunningExporter exporter = new RunningExporter(work, "exporter", "--path.rootfs",
            TREE.toString());
        Session browser = driver.desktop()) {
      browser.open(exporter.url("/"));

      assertThat(browser.execute("return document.title")).isEqualTo(
          "CRITICAL - Vigil - ha-demo-1");
      assertThat(browser.execute("return document.querySelector('h1').innerText"))
          .isEqualTo("ha-demo-1: CRITICAL");
      assertThat(subsystems(browser)).containsExactly(
          List.of("drbd", "drbd CRITICAL"), List.of("md", "md CRITICAL"),
          List.of("btrfs", "btrfs CRITICAL"), List.of("pacemaker", "pacemaker CRITICAL"),
          List.of("corosync", "corosync WARNING"));
      List<String> objects = objects(browser);
      assertThat(objects)
          .anySatisfy(o -> assertThat(o).startsWith("CRITICAL drbd0\nConnected Primary/Secondary"
              + " UpToDate/DUnknown \u2014 peer disk DUnknown while Connected: the peer's data is"
              + " unknown, a failover may roll data back\ncritical since "))
          .anySatisfy(o -> assertThat(o).startsWith("CRITICAL md1\nraid1 active [2/1] [_U],"
              + " super 0.90 \u2014 degraded: 1 of 2 members missing and no recovery running,"))
          .anySatisfy(o -> assertThat(o).startsWith("CRITICAL /var/lib/archive\nscrub finished"))
          .anySatisfy(o -> assertThat(o).startsWith("WARNING ring 0\ninterface 10.0.0.1 FAULTY"))
          .anySatisfy(o -> assertThat(o).startsWith("OK /srv/data\n"));
      assertThat(objects).hasSize(17);
      assertBadgesHaveOneColourPerState(browser, Set.of("OK", "WARNING", "CRITICAL"));
      browser.screenshotOfWholePage(ARTEFACTS.resolve("desktop.png"));

      browser.click("Metrics");
      assertThat(browser.url()).isEqualTo(exporter.url("/metrics"));
      assertThat(browser.execute("return document.contentType")).isEqualTo("text/plain");
      assertThat((String) browser.execute("return document.body.innerText"))
          .startsWith("# HELP ")
          .contains("\nvigil_health_status{subsystem=\"md\",object=\"md1\",} 2.0\n");
    }
  }

  @Test
  void onA360PixelPhoneNothingIsWiderThanTheScreen() throws Exception {
    try (RunningExporter demo = new RunningExporter(work, "demo", "--path.rootfs",
            TREE.toString());
        RunningExporter hostile = new RunningExporter(work, "hostile", "--path.rootfs",
            hostileTree().toString());
        Session phone = driver.phone(360, 740)) {
      phone.open(demo.url("/"));
      assertThat(phone.execute("return [window.innerWidth, document.documentElement.clientWidth]"))
          .as("the page asks for the device's width (viewport meta), not a desktop's")
          .isEqualTo(List.of(360.0, 360.0));
      assertNothingWiderThanTheScreen(phone);
      assertThat(subsystems(phone)).hasSize(5);
      phone.screenshot(ARTEFACTS.resolve("narrow.png"));

      phone.open(hostile.url("/"));
      assertNothingWiderThanTheScreen(phone);
      phone.screenshot(ARTEFACTS.resolve("narrow-hostile.png"));
    }
  }

  @Test
  void namesAreShownAsTextAndRunNothing() throws Exception {
    try (RunningExporter exporter = new RunningExporter(work, "exporter", "--path.rootfs",
            hostileTree().toString());
        Session browser = driver.desktop()) {
      browser.open(exporter.url("/"));

      assertThat(browser.execute("return typeof window.vigilPwned")).isEqualTo("undefined");
      assertThat(browser.execute("return [document.scripts.length,"
          + " document.querySelectorAll('img, svg, [onerror], [onload]').length]"))
          .as("no element came out of a name").isEqualTo(List.of(0.0, 0.0));
      assertThat(browser.execute("return document.title"))
          .isEqualTo("CRITICAL - Vigil - " + LONG_HOSTNAME);
      List<String> objects = objects(browser);
      for (String name : HOSTILE_RESOURCES.values()) {
        assertThat(objects).as(name).anySatisfy(o -> assertThat(o).contains("resource " + name));
      }
      assertThat(objects).anySatisfy(o -> assertThat(o).startsWith(
          "CRITICAL resource " + HOSTILE_RESOURCES.get("rsc_pcmk-2") + "\n"));
      assertThat(subsystems(browser).get(0)).isEqualTo(List.of("drbd", "drbd UNKNOWN"));
      assertThat(browser.execute("return document.querySelector('#drbd p').innerText"))
          .isEqualTo("Could not read it: " + work.resolve("root/proc/drbd")
              + " line 3: unknown connection state '" + HOSTILE_TOKEN + "'");
      assertBadgesHaveOneColourPerState(browser, Set.copyOf(STATES));
      assertNothingWiderThanTheScreen(browser);
      browser.screenshotOfWholePage(ARTEFACTS.resolve("desktop-hostile.png"));
    }
  }

  /** The demo tree copied, with hostile resource names, host name and DRBD token. */
  private Path hostileTree() throws IOException {
    Path root = work.resolve("root");
    if (Files.exists(root)) {
      return root;
    }
    try (Stream<Path> all = Files.walk(TREE)) {
      for (Path p : all.toList()) {
        Path to = root.resolve(TREE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Path crmMon = root.resolve("captures/crm_mon-output-as-xml.out");
    String xml = Files.readString(crmMon, UTF_8);
    for (Map.Entry<String, String> e : HOSTILE_RESOURCES.entrySet()) {
      // ids, resource_history ids and failed operations' op_key (ID_monitor_5000)
      xml = xml.replaceAll(Pattern.quote(e.getKey()) + "(?=[\"_])",
          Matcher.quoteReplacement(xmlAttribute(e.getValue())));
    }
    Files.writeString(crmMon, xml, UTF_8);
    Files.writeString(root.resolve("proc/sys/kernel/hostname"), LONG_HOSTNAME + "\n", UTF_8);
    Path drbd = root.resolve("proc/drbd");
    Files.writeString(drbd, Files.readString(drbd, UTF_8)
        .replace("cs:Connected", "cs:" + HOSTILE_TOKEN), UTF_8);
    return root;
  }

  private static String xmlAttribute(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
  }

  /** [id, rendered heading] of every subsystem's section, in page order. */
  private static List<Object> subsystems(Session browser) throws Exception {
    return list(browser.execute("return [...document.querySelectorAll('section')]"
        + ".map(s => [s.id, s.querySelector('h2').innerText])"));
  }

  /** The rendered text of every object: state, name, reason and since when. */
  private static List<String> objects(Session browser) throws Exception {
    return list(browser.execute("return [...document.querySelectorAll('li')]"
        + ".map(li => li.innerText)")).stream().map(String.class::cast).toList();
  }

  /**
   * Every state badge says its state in words; each state has one background colour, different
   * from every other state's, and its text stays readable on it (WCAG AA contrast, 4.5:1).
   */
  private static void assertBadgesHaveOneColourPerState(Session browser, Set<String> expected)
      throws Exception {
    List<Object> badges = list(browser.execute("return [...document.querySelectorAll('.state')]"
        + ".map(e => [e.innerText, [...e.classList].join(' '),"
        + " getComputedStyle(e).backgroundColor, getComputedStyle(e).color])"));
    Map<String, Set<String>> backgrounds = new TreeMap<>();
    for (Object o : badges) {
      List<Object> badge = list(o);
      String state = (String) badge.get(0);
      assertThat(STATES).as("badge text").contains(state);
      assertThat(badge.get(1)).as("classes of the %s badge", state).isEqualTo("state " + state);
      backgrounds.computeIfAbsent(state, s -> new TreeSet<>()).add((String) badge.get(2));
      assertThat(contrast(rgb((String) badge.get(2)), rgb((String) badge.get(3))))
          .as("contrast of %s on %s", badge.get(3), badge.get(2)).isGreaterThanOrEqualTo(4.5);
    }
    assertThat(backgrounds.keySet()).isEqualTo(new TreeSet<>(expected));
    backgrounds.forEach((state, colours) ->
        assertThat(colours).as("background of %s", state).hasSize(1)
            .doesNotContain("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"));
    assertThat(backgrounds.values().stream().flatMap(Set::stream).distinct().count())
        .as("one colour per state: %s", backgrounds).isEqualTo(expected.size());
  }

  private static void assertNothingWiderThanTheScreen(Session browser) throws Exception {
    List<Object> widths = list(browser.execute(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"));
    assertThat((Double) widths.get(0)).as("page width (scrollWidth) on a screen %s px wide",
        widths.get(1)).isLessThanOrEqualTo((Double) widths.get(1));
    assertThat(list(browser.execute("const w = document.documentElement.clientWidth;"
        + " return [...document.body.querySelectorAll('*')]"
        + ".filter(e => e.getBoundingClientRect().right > w + 0.5)"
        + ".map(e => e.tagName + '.' + e.className + ': ' + e.innerText.slice(0, 60))")))
        .as("elements reaching past the right edge").isEmpty();
  }

  private static int[] rgb(String css) {
    Matcher m = Pattern.compile("rgb\\((\\d+), (\\d+), (\\d+)\\)").matcher(css);
    assertThat(m.matches()).as("an opaque colour: %s", css).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3))};
  }

  /** WCAG 2 contrast ratio of two sRGB colours. */
  private static double contrast(int[] a, int[] b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(int[] rgb) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = rgb[i] / 255.0;
      c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  /**
   * Debian's chromedriver on 127.0.0.1 with a port it picks itself, read from its stdout. The
   * browsers it starts keep their profiles, configuration and crash database under {@code home},
   * which is how they are found and killed on close: Chromium outlives a killed chromedriver, and
   * its crash handlers leave the process tree at start.
   */
  private static final class WebDriver implements AutoCloseable {
    private static final Pattern STARTED =
        Pattern.compile("ChromeDriver was started successfully on port (\\d+)\\.");

    private final Process process;
    private final Path chromium;
    private final Path home;
    private final URI base;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int profiles;

    WebDriver(Path chromedriver, Path chromium, Path home, Path log)
        throws IOException, InterruptedException {
      this.chromium = chromium;
      this.home = home;
      Path out = home.resolve("chromedriver.out");
      ProcessBuilder pb = new ProcessBuilder(chromedriver.toString(), "--port=0",
          "--log-path=" + log)
          .redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
      pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
      process = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Matcher m = STARTED.matcher("");
      while (!m.reset(Files.readString(out, UTF_8)).find()) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          close();
          throw new AssertionError("chromedriver did not start: " + Files.readString(out, UTF_8));
        }
        Thread.sleep(50);
      }
      base = URI.create("http://127.0.0.1:" + m.group(1) + "/");
    }

    /** A 1024 px wide desktop window. */
    Session desktop() throws Exception {
      Session s = session(Map.of());
      s.windowSize(1024, 768);
      return s;
    }

    /** A phone: {@code width} CSS px, two device pixels each, touch, viewport meta applied. */
    Session phone(int width, int height) throws Exception {
      return session(Map.of("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width,
          "height", height, "pixelRatio", 2, "mobile", true, "touch", true))));
    }

    private Session session(Map<String, Object> options) throws Exception {
      Path profile = home.resolve("profile-" + ++profiles);
      Map<String, Object> chrome = new LinkedHashMap<>(options);
      chrome.put("binary", chromium.toString());
      // Without the background-networking switches Chromium keeps trying to reach Google's
      // services, which on a closed network stalls it.
      chrome.put("args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile));
      Object created = send("POST", "session", Map.of("capabilities", Map.of("alwaysMatch",
          Map.of("browserName", "chrome", "pageLoadStrategy", "normal",
              "timeouts", Map.of("pageLoad", 30_000, "script", 10_000, "implicit", 0),
              "goog:chromeOptions", chrome))), Duration.ofSeconds(60));
      return new Session(this, (String) ((Map<?, ?>) created).get("sessionId"));
    }

    /** One WebDriver command; its {@code value}, or an AssertionError with the driver's error. */
    Object send(String method, String path, Object body, Duration timeout)
        throws IOException, InterruptedException, ParseException {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
          .header("Content-Type", "application/json; charset=utf-8")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json(body), UTF_8))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      Object answer = java(JsonReader.parse(response.body(), "chromedriver " + method + " " + path));
      Object value = answer instanceof Map<?, ?> m ? m.get("value") : null;
      if (response.statusCode() != 200) {
        throw new AssertionError("WebDriver " + method + " /" + path + ": HTTP "
            + response.statusCode() + ": " + value);
      }
      return value;
    }

    /** Stops chromedriver and every process that uses {@code home}; fails if one survives. */
    @Override
    public void close() {
      List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      started.addAll(usingHome());
      started.forEach(ProcessHandle::destroyForcibly);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<String> survivors;
      do {
        survivors = Stream.concat(started.stream(), usingHome().stream())
            .filter(WebDriver::running).map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
            .distinct().toList();
        if (!survivors.isEmpty()) {
          usingHome().forEach(ProcessHandle::destroyForcibly);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      } while (!survivors.isEmpty() && System.nanoTime() < deadline);
      assertThat(survivors).as("browser processes left running").isEmpty();
    }

    private List<ProcessHandle> usingHome() {
      String mark = home.toString();
      return ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(mark)).toList();
    }

    /** Alive and not a zombie (this container's init may never reap an orphan). */
    private static boolean running(ProcessHandle p) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** One browser window; deleting the session quits that Chromium. */
  private record Session(WebDriver driver, String id) implements AutoCloseable {
    void open(String url) throws Exception {
      driver.send("POST", "session/" + id + "/url", Map.of("url", url), STEP);
    }

    String url() throws Exception {
      return (String) driver.send("GET", "session/" + id + "/url", null, STEP);
    }

    Object execute(String script) throws Exception {
      return driver.send("POST", "session/" + id + "/execute/sync",
          Map.of("script", script, "args", List.of()), STEP);
    }

    void windowSize(int width, int height) throws Exception {
      driver.send("POST", "session/" + id + "/window/rect",
          Map.of("width", width, "height", height), STEP);
    }

    void click(String linkText) throws Exception {
      Map<?, ?> element = (Map<?, ?>) driver.send("POST", "session/" + id + "/element",
          Map.of("using", "link text", "value", linkText), STEP);
      // The W3C web element identifier.
      String ref = (String) element.get("element-6066-11e4-a52e-4f735466cecf");
      assertThat(ref).as("element reference in %s", element).isNotNull();
      driver.send("POST", "session/" + id + "/element/" + ref + "/click", Map.of(), STEP);
    }

    /** The viewport as a PNG file. */
    void screenshot(Path png) throws Exception {
      byte[] bytes = Base64.getDecoder().decode(
          (String) driver.send("GET", "session/" + id + "/screenshot", null, STEP));
      assertThat(bytes).as("a PNG").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      Files.write(png, bytes);
    }

    /** The window made as tall as the page first (capped), so that one PNG shows all of it. */
    void screenshotOfWholePage(Path png) throws Exception {
      List<Object> size = list(execute("return [window.outerWidth,"
          + " document.documentElement.scrollHeight + window.outerHeight - window.innerHeight]"));
      int width = ((Double) size.get(0)).intValue();
      int height = Math.min(((Double) size.get(1)).intValue(), 6000);
      windowSize(width, height);
      screenshot(png);
      assertThat(ByteBuffer.wrap(Files.readAllBytes(png), 16, 8).getInt())
          .as("PNG width").isEqualTo(width);
    }

    @Override
    public void close() throws Exception {
      driver.send("DELETE", "session/" + id, null, STEP);
    }
  }

  /** A JSON text of maps, lists, strings, numbers and booleans: what WebDriver requests need. */
  private static String json(Object v) {
    if (v instanceof String s) {
      return OutputShape.jsonString(s);
    } else if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    } else if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
          .collect(joining(",", "{", "}"));
    } else if (v instanceof List<?> l) {
      return l.stream().map(StatusPageBrowserIT::json).collect(joining(",", "[", "]"));
    }
    throw new IllegalArgumentException("not JSON: " + v);
  }

  /** Maps, lists, strings, doubles, booleans and null from the strict reader's values. */
  private static Object java(JsonReader.Value v) {
    if (v instanceof JsonReader.Obj o) {
      Map<String, Object> m = new LinkedHashMap<>();
      o.members().forEach((k, x) -> m.put(k, java(x)));
      return m;
    } else if (v instanceof JsonReader.Arr a) {
      List<Object> l = new ArrayList<>();
      a.items().forEach(x -> l.add(java(x)));
      return l;
    } else if (v instanceof JsonReader.Str s) {
      return s.value();
    } else if (v instanceof JsonReader.Num n) {
      return n.value().doubleValue();
    } else if (v instanceof JsonReader.Bool b) {
      return b.value();
    }
    return null;
  }
}

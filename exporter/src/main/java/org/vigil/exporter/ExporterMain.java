package org.vigil.exporter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.core.CommandRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil-exporter}: serves the Vigil collectors' metrics and verdicts to Prometheus. */
@Command(
    name = "vigil-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterMain.Version.class,
    description = {
      "Prometheus exporter for Linux HA stacks: raw DRBD and md state plus the verdict of the"
          + " very evaluators check_drbd and check_raid use (vigil_health_status).",
      "A collector runs when its source exists (drbd: <procfs>/drbd, md: <procfs>/mdstat);"
          + " --collector.NAME forces it on (an absent source then counts as a failure),"
          + " --no-collector.NAME turns it off."
    })
public final class ExporterMain implements Callable<Integer> {
  /** Provisional: not on the Prometheus port-allocation wiki (yet); never 9100/9664/9942. */
  static final int DEFAULT_PORT = 10923;

  @Option(names = "--web.listen-address", paramLabel = "[HOST]:PORT",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (provisional port).")
  String listenAddress = ":" + DEFAULT_PORT;

  @Option(names = "--web.telemetry-path", paramLabel = "PATH",
      description = "Path of the metrics. Default: ${DEFAULT-VALUE}.")
  String telemetryPath = "/metrics";

  @Option(names = "--path.procfs", paramLabel = "DIR",
      description = "procfs mount point. Default: ${DEFAULT-VALUE}.")
  Path procfs = Path.of("/proc");

  @Option(names = "--path.sysfs", paramLabel = "DIR",
      description = "sysfs mount point. Default: ${DEFAULT-VALUE}.")
  Path sysfs = Path.of("/sys");

  @Option(names = "--drbdsetup.path", paramLabel = "PATH",
      description = "drbdsetup, run for DRBD 9. Default: ${DEFAULT-VALUE}.")
  Path drbdsetup = Path.of("/usr/sbin/drbdsetup");

  @Option(names = "--command.timeout", paramLabel = "SECONDS",
      description = "Timeout of every tool call, below the scrape timeout. Default:"
          + " ${DEFAULT-VALUE}.")
  double commandTimeoutSeconds = Sources.DEFAULT_COMMAND_TIMEOUT.toMillis() / 1000.0;

  @Option(names = "--collector.drbd", description = "Always run the drbd collector.")
  boolean drbdOn;

  @Option(names = "--no-collector.drbd", description = "Never run the drbd collector.")
  boolean drbdOff;

  @Option(names = "--collector.md", description = "Always run the md collector.")
  boolean mdOn;

  @Option(names = "--no-collector.md", description = "Never run the md collector.")
  boolean mdOff;

  private final PrintStream err;
  private ExporterServer server;

  ExporterMain(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    ExporterMain main = new ExporterMain(System.err);
    int code = new CommandLine(main).execute(args);
    if (code != 0 || main.server == null) {
      System.exit(code);
    }
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(main.server::close));
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server and returns; {@link #server()} then holds it. */
  @Override
  public Integer call() throws IOException {
    Scraper.Mode drbd = mode("drbd", drbdOn, drbdOff);
    Scraper.Mode md = mode("md", mdOn, mdOff);
    if (!(commandTimeoutSeconds > 0 && commandTimeoutSeconds <= 60)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--command.timeout must be between 0 and 60 seconds");
    }
    Sources sources = new Sources(procfs, sysfs, drbdsetup,
        Duration.ofMillis(Math.round(commandTimeoutSeconds * 1000)), new CommandRunner());
    Scraper scraper = new Scraper(List.of(
        new Scraper.Enabled(new DrbdCollector(), drbd),
        new Scraper.Enabled(new MdCollector(), md)),
        sources, version(), line -> err.println("vigil-exporter: " + line));
    InetSocketAddress address;
    try {
      address = parseAddress(listenAddress);
      server = ExporterServer.start(address, telemetryPath, scraper);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    err.println("vigil-exporter: listening on " + address.getHostString() + ":" + server.port()
        + telemetryPath);
    return 0;
  }

  ExporterServer server() {
    return server;
  }

  private Scraper.Mode mode(String name, boolean on, boolean off) {
    if (on && off) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--collector." + name + " and --no-collector." + name + " exclude each other");
    }
    return on ? Scraper.Mode.ON : off ? Scraper.Mode.OFF : Scraper.Mode.AUTO;
  }

  /** {@code :PORT} (all interfaces), {@code HOST:PORT} or {@code [IPV6]:PORT}. */
  static InetSocketAddress parseAddress(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("listen address '" + text + "' has no :PORT");
    }
    String host = text.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("listen address '" + text + "': bad port");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen address '" + text + "': bad port");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  static String version() {
    return org.vigil.core.Version.get();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vigil-exporter " + ExporterMain.version()};
    }
  }
}

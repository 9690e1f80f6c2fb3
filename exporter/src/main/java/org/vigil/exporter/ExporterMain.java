package org.vigil.exporter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.exporter.web.LiveWebConfig;
import org.vigil.exporter.web.WebConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil-exporter}: serves the Vigil collectors' metrics and verdicts to Prometheus. */
@Command(
    name = "vigil-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = ExporterMain.Version.class,
    description = {
      "Prometheus exporter for Linux HA stacks: the raw state of DRBD, md, btrfs, Pacemaker"
          + " and Corosync plus the verdict of the very evaluators check_drbd, check_raid and"
          + " check_cluster use (vigil_health_status), with their default options.",
      "A collector runs when its subsystem is set up on this node; --collector.NAME forces it"
          + " on (an absent subsystem then counts as a failure), --no-collector.NAME turns it"
          + " off. A failing collector reports vigil_scrape_collector_success 0 and logs one line"
          + " on stderr; the others still report."
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

  @Option(names = "--web.config.file", paramLabel = "FILE",
      description = "TLS and basic authentication, in the Prometheus exporter-toolkit format"
          + " (tls_server_config, basic_auth_users, http_server_config.headers). Re-read when"
          + " it or a file it names changes; a broken new version is logged and the previous"
          + " one stays in force. Default: plain HTTP, no authentication.")
  Path webConfigFile;

  @Mixin SourceOptions sourceOptions = new SourceOptions();

  @Mixin FastPathOptions fastPathOptions = new FastPathOptions();

  private final PrintStream err;
  private ExporterServer server;
  private FastPathServer fastPath;

  ExporterMain(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    // The JDK server leaves Nagle's algorithm on: the last segment of a scrape then waits for
    // the client's delayed ACK, 40 ms on Linux. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // A client gets 10 s to send its request and 60 s to take the response (the JDK server's
    // defaults are forever); beyond that its connection is closed and its thread is free again.
    System.setProperty("sun.net.httpserver.maxReqTime", "10");
    System.setProperty("sun.net.httpserver.maxRspTime", "60");
    ExporterMain main = new ExporterMain(System.err);
    int code = main.commandLine().execute(args);
    if (code != 0 || main.server == null) {
      System.exit(code);
    }
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(main.server::close));
    if (main.fastPath != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(main.fastPath::close));
    }
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The command line with the per-tool and per-collector options. */
  CommandLine commandLine() {
    return SourceOptions.addDynamicOptions(new CommandLine(this));
  }

  /** Starts the server and returns; {@link #server()} then holds it. */
  @Override
  public Integer call() throws IOException {
    Scraper scraper = sourceOptions.scraper(version(), line -> err.println("vigil-exporter: "
        + line));
    InetSocketAddress address;
    Optional<LiveWebConfig> web = Optional.empty();
    try {
      address = parseAddress(listenAddress);
      if (webConfigFile != null) {
        web = Optional.of(LiveWebConfig.load(webConfigFile, line -> err.println("vigil-exporter: "
            + line)));
      }
      server = ExporterServer.start(address, telemetryPath, scraper, web);
    } catch (IllegalArgumentException e) {
      scraper.close();
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    } catch (WebConfigException e) {
      // One line, no usage text: the command line is fine, the file is not.
      scraper.close();
      err.println("vigil-exporter: --web.config.file: " + e.getMessage());
      return 2;
    }
    err.println("vigil-exporter: listening on " + address.getHostString() + ":" + server.port()
        + telemetryPath + web.map(w -> (w.tls() ? " (TLS" : " (plain HTTP")
            + (w.basicAuth() ? ", basic auth)" : ", no basic auth)")).orElse(""));
    try {
      fastPath = fastPathOptions.start(scraper.sources(), line -> err.println("vigil-exporter: "
          + line)).orElse(null);
    } catch (IOException e) {
      server.close();
      server = null;
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--fast-path.socket: " + e.getMessage());
    }
    if (fastPath != null) {
      err.println("vigil-exporter: fast path on " + fastPath.socket());
    }
    return 0;
  }

  ExporterServer server() {
    return server;
  }

  FastPathServer fastPath() {
    return fastPath;
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

  /** "vigil-exporter 0.1.0", "vigil report 0.1.0": picocli puts in the command's full name. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"${COMMAND-FULL-NAME} " + ExporterMain.version()};
    }
  }
}

package org.vigil.exporter.fleet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vigil.core.CheckResult;
import org.vigil.core.PluginOutput;
import org.vigil.core.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil fleet-check}: the fleet rules as a Nagios plugin, for sites without Prometheus. */
@Command(
    name = "fleet-check",
    mixinStandardHelpOptions = true,
    description = {
      "Scrapes the vigil-exporter of every node of one cluster or DRBD pair and checks what no"
          + " single node can see: a DRBD resource Primary on two nodes while not connected"
          + " (split brain) or Primary nowhere, the two ends of a connection disagreeing,"
          + " different Pacemaker DCs or membership, a node that sees itself online while every"
          + " peer sees it offline, a node online for its peers whose exporter does not answer."
          + " The same invariants as vigil-fleet-rules.yml.",
      "Every peer is scraped at once, each within --timeout; a peer that does not answer (or"
          + " answers anything but a well-formed scrape) is UNKNOWN and named, never skipped.",
      "Exporters with --web.config.file: https:// peers, verified against --tls.ca-file with"
          + " the host name checked, --tls.cert-file/--tls.key-file when they require a client"
          + " certificate, --basic-auth.username/--basic-auth.password-file when they require a"
          + " user. A failed handshake or a 401 is that peer not answering, with the reason.",
      "Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the worst finding; CRITICAL and"
          + " WARNING rank above UNKNOWN)."
    },
    footer = {
      "",
      "Examples:",
      "  vigil fleet-check --peer http://node-a:10923 --peer http://node-b:10923",
      "  vigil fleet-check --peer node-a=http://10.0.0.1:10923/metrics \\",
      "                    --peer node-b=http://10.0.0.2:10923/metrics --timeout 3s",
      "  vigil fleet-check --peer https://node-a:10923 --peer https://node-b:10923 \\",
      "                    --tls.ca-file /etc/vigil/ca.crt \\",
      "                    --basic-auth.username icinga \\",
      "                    --basic-auth.password-file /etc/icinga2/vigil-exporter.password"
    })
public final class FleetCheckCommand implements Callable<Integer> {
  @Option(names = "--peer", required = true, paramLabel = "[NAME=]URL",
      description = "A node's vigil-exporter, e.g. http://node-a:10923 (/metrics is added when"
          + " the URL has no path). NAME names the node in the output when its exporter does"
          + " not (no Pacemaker); when it does, they must agree. Repeat for every node, at least"
          + " twice.")
  List<String> peers = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "Time each peer has to answer completely (connect, headers and body), all"
          + " peers at once: e.g. 5s, 500ms. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(names = "--tls.ca-file", paramLabel = "FILE",
      description = "PEM CA certificates that https:// peers' certificates must chain to."
          + " Default: the JDK's trust store. The certificate must name the host of the URL"
          + " (hostname verification is always on).")
  Path caFile;

  @Option(names = "--tls.cert-file", paramLabel = "FILE",
      description = "PEM client certificate for exporters that require one (client_auth_type"
          + " Require*), with --tls.key-file.")
  Path certFile;

  @Option(names = "--tls.key-file", paramLabel = "FILE",
      description = "Its unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1).")
  Path keyFile;

  @Option(names = "--basic-auth.username", paramLabel = "USER",
      description = "Basic-auth user for exporters with basic_auth_users, with"
          + " --basic-auth.password-file. Sent to every peer, over https:// only.")
  String username;

  @Option(names = "--basic-auth.password-file", paramLabel = "FILE",
      description = "File holding the password alone (one trailing newline is ignored),"
          + " readable by the monitoring user: a password is never a command-line argument,"
          + " which ps and the monitoring configuration would show.")
  Path passwordFile;

  @Option(names = "--basic-auth.allow-http",
      description = "Send the credentials to http:// peers too, readable by anyone on the"
          + " path. Without it, basic auth with an http:// peer is a usage error (UNKNOWN).")
  boolean allowHttp;

  private final PrintStream out;

  public FleetCheckCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration limit;
    ScrapeAuth auth;
    List<Peer> parsed = new ArrayList<>();
    try {
      limit = duration(timeout);
      for (String p : peers) {
        Peer peer = Peer.parse(p);
        if (parsed.stream().anyMatch(q -> q.url().equals(peer.url()))) {
          throw new IllegalArgumentException("--peer " + peer.url() + " given twice");
        }
        parsed.add(peer);
      }
      if (parsed.size() < 2) {
        throw new IllegalArgumentException("at least two --peer: one node has nothing to be"
            + " compared with");
      }
      auth = auth(parsed);
    } catch (IllegalArgumentException e) {
      out.print(PluginOutput.single("FLEET", State.UNKNOWN, e.getMessage()));
      return State.UNKNOWN.exitCode();
    }
    CheckResult result = FleetPolicy.evaluate(new Fetcher(limit, auth).scrape(parsed));
    out.print(PluginOutput.render(result, 0));
    return result.state().exitCode();
  }

  /** The TLS and basic-auth options, checked against the peers they would apply to. */
  ScrapeAuth auth(List<Peer> parsed) {
    List<Peer> plain = parsed.stream().filter(p -> p.url().getScheme().equals("http")).toList();
    boolean tls = plain.size() < parsed.size();
    if (!tls) {
      Map<String, Path> tlsFiles = new LinkedHashMap<>();
      tlsFiles.put("--tls.ca-file", caFile);
      tlsFiles.put("--tls.cert-file", certFile);
      tlsFiles.put("--tls.key-file", keyFile);
      tlsFiles.forEach((option, file) -> {
        if (file != null) {
          throw new IllegalArgumentException(option + " given but no --peer is https://");
        }
      });
    }
    if (username != null && !plain.isEmpty() && !allowHttp) {
      throw new IllegalArgumentException("--basic-auth.username: refusing to send a password"
          + " over plain http to --peer " + plain.get(0).url() + " (use https://, or"
          + " --basic-auth.allow-http to send it in the clear)");
    }
    if (allowHttp && username == null) {
      throw new IllegalArgumentException("--basic-auth.allow-http without"
          + " --basic-auth.username: no credentials to allow");
    }
    return ScrapeAuth.load(tls, Optional.ofNullable(caFile), Optional.ofNullable(certFile),
        Optional.ofNullable(keyFile), Optional.ofNullable(username),
        Optional.ofNullable(passwordFile));
  }

  static Duration duration(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]{1,6})(ms|s)").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--timeout " + text + ": expected e.g. 5s or 500ms");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    if (d.isZero() || d.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("--timeout " + text + ": between 1ms and 60s");
    }
    return d;
  }
}

package org.vigil.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.CheckResult;
import org.vigil.core.PluginOutput;
import org.vigil.exporter.fleet.ExposedSample;
import org.vigil.exporter.fleet.FleetPolicy;
import org.vigil.exporter.fleet.Peer;
import org.vigil.exporter.fleet.PeerScrape;
import org.vigil.exporter.fleet.TextFormat;
import org.vigil.exporter.web.Pem;
import org.vigil.exporter.web.WebConfigException;
import org.vigil.exporter.web.WebConfigParser;
import org.vigil.fixtures.ParseErrors;

/**
 * Coverage-guided fuzz tests (Jazzer) of the exporter's parsers. In a normal {@code mvn test} each
 * replays its seed corpus and every recorded finding from {@code
 * src/test/resources/org/vigil/exporter/ExporterParsersJazzerFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one selected test fuzzes (packaging/bench/fuzz.sh). Property: the bytes
 * are parsed, or refused with the parser's own error (a ParseException naming a line and a reason,
 * a WebConfigException naming the file); nothing else escapes.
 */
class ExporterParsersJazzerFuzzTest {
  private static final String SOURCE = "fuzz";
  private static final Peer NAMED = Peer.parse("node-a=http://node-a:10923");
  private static final Peer UNNAMED = Peer.parse("http://node-b:10923");
  private static final Peer DOWN = Peer.parse("node-c=http://node-c:10923");

  /** The files the path-reading parsers read: rewritten by every run, removed after the class. */
  @TempDir static Path dir;

  /**
   * A scrape as vigil fleet-check reads a peer's answer; what parses is evaluated by the fleet
   * policy alone, beside itself under another peer (so nodes are compared), and beside a peer
   * that did not answer, and the result is rendered as the plugin prints it.
   */
  @FuzzTest(maxDuration = "30s")
  void fleetTextFormat(byte[] input) {
    ParseErrors.acceptedOrRefused(input, SOURCE, text -> {
      List<ExposedSample> samples = TextFormat.parse(text, SOURCE);
      PeerScrape a = PeerScrape.reached(NAMED, samples);
      PeerScrape b = PeerScrape.reached(UNNAMED, samples);
      PeerScrape down = PeerScrape.failed(DOWN, "cannot connect to node-c:10923");
      for (List<PeerScrape> fleet : List.of(List.of(a), List.of(a, b), List.of(b, down))) {
        CheckResult r = FleetPolicy.evaluate(fleet);
        assertThat(PluginOutput.render(r, 0)).startsWith("FLEET ");
      }
    });
  }

  @FuzzTest(maxDuration = "30s")
  void webConfig(byte[] input) throws IOException {
    Path file = write("web.yml", input);
    refusedWithMessage(file, () -> WebConfigParser.parse(file));
  }

  @FuzzTest(maxDuration = "30s")
  void pemCertificates(byte[] input) throws IOException {
    Path file = write("cert.pem", input);
    refusedWithMessage(file, () -> assertThat(Pem.certificates(file, "cert_file")).isNotEmpty());
  }

  /** The key as TlsMaterial asks for it: of the certificate's algorithm, RSA or EC. */
  @FuzzTest(maxDuration = "30s")
  void pemPrivateKey(byte[] input) throws IOException {
    Path file = write("key.pem", input);
    refusedWithMessage(file, () -> Pem.privateKey(file, "RSA"));
    refusedWithMessage(file, () -> Pem.privateKey(file, "EC"));
  }

  private static Path write(String name, byte[] input) throws IOException {
    return Files.write(dir.resolve(name), input);
  }

  @FunctionalInterface
  private interface Attempt {
    void run() throws WebConfigException;
  }

  private static void refusedWithMessage(Path file, Attempt attempt) {
    try {
      attempt.run();
    } catch (WebConfigException e) {
      assertThat(e.getMessage()).startsWith(file + ":");
      assertThat(e.getMessage().substring(file.toString().length() + 1)).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError("unexpected " + e + " for input:\n"
          + new String(readBack(file), StandardCharsets.UTF_8), e);
    }
  }

  private static byte[] readBack(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}

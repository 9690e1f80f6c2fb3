package org.vigil.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reading on change, on a clock the test moves. */
class LiveWebConfigTest {
  @TempDir Path dir;
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final List<String> log = new ArrayList<>();

  static String users(String password) {
    return "basic_auth_users:\n  prom: '" + BCrypt.with(BCrypt.Version.VERSION_2Y)
        .hashToString(4, password.toCharArray()) + "'\n";
  }

  void tick(double seconds) {
    clock.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
  }

  boolean allows(LiveWebConfig live, String password) {
    return live.current().auth().allows(BasicAuthTest.basic("prom:" + password));
  }

  @Test
  void reloadsAChangedFileAtMostOnceASecondAndKeepsTheLastGoodOne() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, users("first"));
    long started = System.currentTimeMillis();
    LiveWebConfig live = LiveWebConfig.load(file, log::add, clock::get);
    assertThat(live.tls()).isFalse();
    assertThat(live.basicAuth()).isTrue();
    assertThat(allows(live, "first")).isTrue();
    assertThat(live.reloadState().successful()).isTrue();
    assertThat(live.reloadState().lastSuccessEpochMillis()).isGreaterThanOrEqualTo(started);

    Files.writeString(file, users("second"));   // in place: same size, newer mtime
    tick(0.5);
    assertThat(allows(live, "first")).as("not looked at within the second").isTrue();
    tick(0.6);
    assertThat(allows(live, "second")).isTrue();
    assertThat(allows(live, "first")).isFalse();
    assertThat(log).containsExactly("--web.config.file " + file + " reloaded");

    Path next = dir.resolve("web.yml.new");
    Files.writeString(next, users("second") + "unknown: 1\n");
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    tick(1.1);
    assertThat(allows(live, "second")).as("the broken file leaves the last good one").isTrue();
    tick(1.1);
    assertThat(allows(live, "second")).isTrue();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo("--web.config.file reload failed, still serving the previous"
        + " configuration: " + file + ":3: unknown key 'unknown'");
    LiveWebConfig.ReloadState failed = live.reloadState();
    assertThat(failed.successful()).as("a metric says the file was not taken").isFalse();

    Files.writeString(file, "");
    tick(1.1);
    assertThat(allows(live, "second")).as("an emptied file turns nothing off").isTrue();
    assertThat(log).hasSize(3);
    assertThat(log.get(2)).contains("empty");

    assertThat(live.reloadState()).as("still failed, and still the time of the good one")
        .isEqualTo(failed);

    Files.writeString(file, users("third"));
    tick(1.1);
    assertThat(allows(live, "third")).isTrue();
    assertThat(allows(live, "second")).isFalse();
    assertThat(log).hasSize(4);
    assertThat(live.reloadState().successful()).isTrue();
    assertThat(live.reloadState().lastSuccessEpochMillis())
        .isGreaterThanOrEqualTo(failed.lastSuccessEpochMillis());

    Files.writeString(file, users("fourth") + "http_server_config:\n  http2: true\n");
    tick(1.1);
    assertThat(allows(live, "third")).isTrue();
    assertThat(allows(live, "fourth")).isFalse();
    assertThat(log.get(4)).contains(file + ":4: http_server_config.http2: true is not supported");
  }

  @Test
  void aRewriteWithTheSameSizeAndTimeIsSeenByItsContent() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, users("first"));
    FileTime time = Files.getLastModifiedTime(file);
    LiveWebConfig live = LiveWebConfig.load(file, log::add, clock::get);
    String second = users("second");
    assertThat(second).hasSameSizeAs(users("first"));
    Files.writeString(file, second);
    Files.setLastModifiedTime(file, time);
    tick(1.1);
    assertThat(allows(live, "second")).isTrue();
    assertThat(log).containsExactly("--web.config.file " + file + " reloaded");
  }

  @Test
  void switchingToHttpsNeedsARestart() throws Exception {
    TestPki pki = TestPki.create(dir);
    Path file = dir.resolve("web.yml");
    Files.writeString(file, users("first"));
    LiveWebConfig live = LiveWebConfig.load(file, log::add, clock::get);
    Files.writeString(file, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    tick(1.1);
    assertThat(allows(live, "first")).isTrue();
    assertThat(log).containsExactly("--web.config.file reload failed, still serving the previous"
        + " configuration: " + file + ": switching between HTTP and HTTPS needs a restart");
    assertThat(pki.path("server.crt")).exists();
  }

  @Test
  void aChangedCertificateIsReloadedAndABadOneIsNot() throws Exception {
    TestPki pki = TestPki.create(dir);
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n");
    Files.copy(pki.path("server.crt"), dir.resolve("cert.pem"));
    Files.copy(pki.path("server.key"), dir.resolve("key.pem"));
    LiveWebConfig live = LiveWebConfig.load(file, log::add, clock::get);
    assertThat(live.current().tls().orElseThrow().key().getAlgorithm()).isEqualTo("RSA");

    Files.copy(pki.path("ec-server.crt"), dir.resolve("cert.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    tick(1.1);
    assertThat(live.current().tls().orElseThrow().key().getAlgorithm()).as("cert and key differ")
        .isEqualTo("RSA");
    assertThat(log).hasSize(1);
    assertThat(log.get(0)).contains("key.pem").contains("not a EC private key");

    Files.copy(pki.path("ec-server.key"), dir.resolve("key.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    tick(1.1);
    assertThat(live.current().tls().orElseThrow().key().getAlgorithm()).isEqualTo("EC");
    assertThat(live.current().generation()).isEqualTo(1);
    assertThat(live.generation(0).orElseThrow().tls().orElseThrow().key().getAlgorithm())
        .as("a handshake that chose the old key before the reload still gets it")
        .isEqualTo("RSA");
    assertThat(live.generation(2)).isEmpty();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).endsWith(" reloaded");
  }

  @Test
  void aBrokenFileIsFatalAtStart() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "tls_server_config:\n  cert_file: c\n");
    assertThatThrownBy(() -> LiveWebConfig.load(file, log::add, clock::get))
        .isInstanceOf(WebConfigException.class)
        .hasMessage(file + ":2: tls_server_config: key_file is missing");
  }
}

package org.vigil.exporter.fleet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.vigil.exporter.web.Pem;
import org.vigil.exporter.web.TlsMaterial;
import org.vigil.exporter.web.WebConfig;
import org.vigil.exporter.web.WebConfigException;

/**
 * How fleet-check reaches exporters that use {@code --web.config.file}: the CAs it trusts for
 * https:// peers (the JDK's trust store unless {@code --tls.ca-file}), its own client certificate
 * if any, and the basic-auth credentials sent with every request. Named after Prometheus's
 * {@code tls_config} and {@code basic_auth}; read with the exporter's own PEM reader.
 *
 * @param context TLS for https:// peers; none when there is none (reading the JDK's trust store
 *     costs start-up time)
 * @param trust what the server certificates are checked against, for messages
 * @param hasClientCertificate whether a client certificate is offered
 * @param username the basic-auth user, if any
 * @param authorization the {@code Authorization} header value, if any
 */
public record ScrapeAuth(Optional<SSLContext> context, String trust, boolean hasClientCertificate,
    Optional<String> username, Optional<String> authorization) {
  /** Bytes a password file may hold: a password, not a file given by mistake. */
  static final int PASSWORD_FILE_LIMIT = 4096;

  /** No TLS context of our own, no client certificate, no credentials. */
  public static ScrapeAuth none() {
    return load(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * Reads and checks the files; an {@link IllegalArgumentException} naming the option and file
   * when one cannot be used. {@code tls}: whether any peer is https://.
   */
  public static ScrapeAuth load(boolean tls, Optional<Path> caFile, Optional<Path> certFile,
      Optional<Path> keyFile, Optional<String> username, Optional<Path> passwordFile) {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("--tls.cert-file and --tls.key-file go together: the"
          + " client certificate and its private key");
    }
    if (username.isPresent() != passwordFile.isPresent()) {
      throw new IllegalArgumentException("--basic-auth.username and --basic-auth.password-file"
          + " go together (a password is never given on the command line)");
    }
    Optional<String> authorization = Optional.empty();
    if (username.isPresent()) {
      String user = username.get();
      if (!WebConfig.isUserName(user)) {
        throw new IllegalArgumentException("--basic-auth.username '" + user + "': a user name is"
            + " not empty and has no ':' and no control characters");
      }
      String password = password(passwordFile.get());
      authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      TrustManager[] trustManagers = null; // the JDK's default trust store
      String trust = "the JDK's trust store";
      if (caFile.isPresent()) {
        trustManagers = TlsMaterial.trustManagers(Pem.certificates(caFile.get(), "--tls.ca-file"));
        trust = "--tls.ca-file " + caFile.get();
      }
      KeyManager[] keyManagers = null;
      if (certFile.isPresent()) {
        keyManagers = keys(certFile.get(), keyFile.get());
      }
      if (!tls) {
        return new ScrapeAuth(Optional.empty(), trust, false, username, authorization);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trustManagers, null);
      return new ScrapeAuth(Optional.of(context), trust, certFile.isPresent(), username,
          authorization);
    } catch (WebConfigException e) {
      throw new IllegalArgumentException(e.getMessage());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hostname verification on (strict, as Prometheus), TLS 1.2 and 1.3 like the exporter. */
  public SSLParameters parameters() {
    SSLParameters p = context.orElseThrow().getDefaultSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    return p;
  }

  /** The file's content, one trailing newline (LF or CRLF) removed. */
  static String password(Path file) {
    String what = "--basic-auth.password-file " + file;
    byte[] bytes;
    try {
      if (Files.size(file) > PASSWORD_FILE_LIMIT) {
        throw new IllegalArgumentException(what + ": larger than " + PASSWORD_FILE_LIMIT
            + " bytes: not a password file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot read: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + ": not UTF-8");
    }
    if (text.endsWith("\r\n")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(what + ": empty: no password");
    }
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(what + ": more than one line; the file holds the"
          + " password alone");
    }
    return text;
  }

  private static KeyManager[] keys(Path certFile, Path keyFile)
      throws WebConfigException, GeneralSecurityException, IOException {
    TlsMaterial.CertifiedKey client =
        TlsMaterial.CertifiedKey.load(certFile, "--tls.cert-file", keyFile, "--tls.key-file");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    // In memory only: the store's password protects nothing, PKCS12 just wants one.
    char[] none = "vigil".toCharArray();
    store.setKeyEntry("client", client.key(), none, client.chain());
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, none);
    return factory.getKeyManagers();
  }
}

package org.vigil.exporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the JDK's HTTPS server from a {@link LiveWebConfig}. The server takes one SSLContext for
 * its lifetime, so the key and trust managers here look up the configuration in force at each
 * handshake, and {@link HttpsConfigurator#configure} (called per connection) sets the versions
 * and the client-certificate policy from it: a reloaded certificate, key, CA or policy applies
 * to the next connection.
 */
public final class LiveTls {
  private LiveTls() {}

  public static HttpsConfigurator configurator(LiveWebConfig live) {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new Keys(live)}, new TrustManager[] {new ClientTrust(live)},
          null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        TlsConfig tls = live.current().tls().orElseThrow().config();
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setProtocols(tls.protocols());
        if (tls.clientAuth().required) {
          p.setNeedClientAuth(true);
        } else {
          p.setWantClientAuth(tls.clientAuth().asks());
        }
        params.setSSLParameters(p);
      }
    };
  }

  /**
   * The certificate and key in force. JSSE picks an alias, then asks for its chain and key; the
   * alias names the configuration's generation, so a reload in between cannot pair the old
   * certificate with the new key.
   */
  private static final class Keys extends X509ExtendedKeyManager {
    private static final String PREFIX = "vigil-exporter-";
    private final LiveWebConfig live;

    Keys(LiveWebConfig live) {
      this.live = live;
    }

    private String alias(String keyType) {
      LiveWebConfig.Loaded c = live.current();
      String algorithm = c.tls().orElseThrow().key().getAlgorithm();
      boolean fits = algorithm.equals(keyType)
          || (keyType.equals("EdDSA") && algorithm.startsWith("Ed"));
      return fits ? PREFIX + c.generation() : null;
    }

    private TlsMaterial material(String alias) {
      if (alias == null || !alias.startsWith(PREFIX)) {
        return null;
      }
      long generation;
      try {
        generation = Long.parseLong(alias.substring(PREFIX.length()));
      } catch (NumberFormatException e) {
        return null;
      }
      return live.generation(generation).flatMap(LiveWebConfig.Loaded::tls).orElse(null);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      String alias = alias(keyType);
      return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      TlsMaterial m = material(alias);
      return m == null ? null : m.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      TlsMaterial m = material(alias);
      return m == null ? null : m.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }

  /**
   * Client certificates: verified against client_ca_file for the Verify* policies, taken as
   * they come for RequestClientCert and RequireAnyClientCert (Go's semantics).
   */
  private static final class ClientTrust extends X509ExtendedTrustManager {
    private final LiveWebConfig live;

    ClientTrust(LiveWebConfig live) {
      this.live = live;
    }

    private TlsMaterial material() {
      return live.current().tls().orElseThrow();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      TlsMaterial m = material();
      if (m.config().clientAuth().verified) {
        m.clientVerifier().orElseThrow().checkClientTrusted(chain, authType, engine);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      TlsMaterial m = material();
      if (m.config().clientAuth().verified) {
        m.clientVerifier().orElseThrow().checkClientTrusted(chain, authType, socket);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      TlsMaterial m = material();
      if (m.config().clientAuth().verified) {
        m.clientVerifier().orElseThrow().checkClientTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return material().clientCas().toArray(X509Certificate[]::new);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("vigil-exporter is a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("vigil-exporter is a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("vigil-exporter is a server");
    }
  }
}

package org.vigil.exporter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What {@link TlsConfig} names, read and checked: the certificate chain, its private key (it
 * must match the leaf certificate) and, when client certificates are verified, a PKIX trust
 * manager over the client CAs.
 */
public record TlsMaterial(TlsConfig config, X509Certificate[] chain, PrivateKey key,
    List<X509Certificate> clientCas, Optional<X509ExtendedTrustManager> clientVerifier) {

  static TlsMaterial load(TlsConfig config) throws WebConfigException {
    CertifiedKey own = CertifiedKey.load(config.certFile(), "cert_file", config.keyFile(),
        "key_file");
    List<X509Certificate> cas = List.of();
    Optional<X509ExtendedTrustManager> verifier = Optional.empty();
    if (config.clientCaFile().isPresent()) {
      cas = Pem.certificates(config.clientCaFile().get(), "client_ca_file");
      verifier = Optional.of(verifier(cas));
    }
    return new TlsMaterial(config, own.chain(), own.key(), cas, verifier);
  }

  /** A certificate chain (leaf first) and the private key of its leaf. */
  public record CertifiedKey(X509Certificate[] chain, PrivateKey key) {
    /**
     * Reads both PEM files and checks that the key is the leaf certificate's; errors name the
     * files and the options ({@code certOption}, {@code keyOption}) they were given as.
     */
    public static CertifiedKey load(Path certFile, String certOption, Path keyFile,
        String keyOption) throws WebConfigException {
      List<X509Certificate> chain = Pem.certificates(certFile, certOption);
      X509Certificate leaf = chain.get(0);
      PrivateKey key = Pem.privateKey(keyFile, leaf.getPublicKey().getAlgorithm());
      if (!matches(key, leaf)) {
        throw new WebConfigException(keyFile + ": " + keyOption + " does not match the"
            + " certificate in " + certFile + " (" + leaf.getSubjectX500Principal() + ")");
      }
      return new CertifiedKey(chain.toArray(X509Certificate[]::new), key);
    }
  }

  /** Signs with the key and verifies with the certificate: works for RSA, EC and EdDSA alike. */
  public static boolean matches(PrivateKey key, X509Certificate cert)
      throws WebConfigException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      default -> throw new WebConfigException(cert.getSubjectX500Principal() + ": key type "
          + key.getAlgorithm() + " is not supported (RSA, EC or EdDSA)");
    };
    byte[] probe = "vigil-exporter key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509ExtendedTrustManager verifier(List<X509Certificate> cas) {
    for (TrustManager tm : trustManagers(cas)) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509ExtendedTrustManager from PKIX");
  }

  /** PKIX trust managers that accept exactly the chains ending at one of {@code cas}. */
  public static TrustManager[] trustManagers(List<X509Certificate> cas) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.vigil.exporter.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM files as OpenSSL writes them: X.509 certificates, and one unencrypted private key in
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE
 * KEY}); the last two are wrapped into PKCS#8 here, the only encoding the JDK reads.
 */
public final class Pem {
  private static final byte[] RSA_ENCRYPTION_OID =
      {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] EC_PUBLIC_KEY_OID =
      {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  private static final byte[] DER_NULL = {0x05, 0x00};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  /** One {@code -----BEGIN TYPE-----} block. */
  record Block(String type, List<String> headers, byte[] der, int line) {}

  private Pem() {}

  /** Every block is a CERTIFICATE, and there is at least one. */
  public static List<X509Certificate> certificates(Path file, String role) throws WebConfigException {
    List<X509Certificate> certs = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
    for (Block b : blocks(file, role)) {
      if (!b.type().equals("CERTIFICATE")) {
        throw new WebConfigException(file + ":" + b.line() + ": " + role + " holds a " + b.type()
            + " block; only CERTIFICATE blocks belong there");
      }
      try {
        certs.add((X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(b.der())));
      } catch (CertificateException e) {
        throw new WebConfigException(file + ":" + b.line() + ": " + role
            + ": not an X.509 certificate: " + e.getMessage());
      }
    }
    if (certs.isEmpty()) {
      throw new WebConfigException(file + ": " + role + " holds no PEM CERTIFICATE block");
    }
    return certs;
  }

  /** The one private key in the file, of the certificate's public key algorithm. */
  public static PrivateKey privateKey(Path file, String algorithm) throws WebConfigException {
    Block key = null;
    for (Block b : blocks(file, "key_file")) {
      switch (b.type()) {
        case "EC PARAMETERS" -> { } // openssl ecparam -genkey writes it before the key
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
          if (key != null) {
            throw new WebConfigException(file + ":" + b.line()
                + ": key_file holds more than one private key");
          }
          key = b;
        }
        case "ENCRYPTED PRIVATE KEY" -> throw encrypted(file, b);
        default -> throw new WebConfigException(file + ":" + b.line() + ": key_file holds a "
            + b.type() + " block; expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
      }
    }
    if (key == null) {
      throw new WebConfigException(file + ": key_file holds no PEM private key");
    }
    for (String header : key.headers()) {
      if (header.startsWith("Proc-Type:") && header.contains("ENCRYPTED")) {
        throw encrypted(file, key);
      }
    }
    byte[] pkcs8;
    try {
      pkcs8 = switch (key.type()) {
        case "RSA PRIVATE KEY" -> pkcs8(seq(RSA_ENCRYPTION_OID, DER_NULL), key.der());
        case "EC PRIVATE KEY" -> pkcs8(seq(EC_PUBLIC_KEY_OID, curveOf(key.der())), key.der());
        default -> key.der();
      };
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new WebConfigException(file + ":" + key.line() + ": not a " + algorithm
          + " private key for the certificate (" + key.type() + "): " + e.getMessage());
    }
  }

  private static WebConfigException encrypted(Path file, Block b) {
    return new WebConfigException(file + ":" + b.line() + ": the private key is encrypted;"
        + " vigil-exporter reads unencrypted keys only (openssl pkey -in KEY -out PLAIN.key;"
        + " keep it readable by the exporter's user only)");
  }

  static List<Block> blocks(Path file, String role) throws WebConfigException {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new WebConfigException(file + ": " + role + ": no such file");
    } catch (IOException e) {
      throw new WebConfigException(file + ": " + role + ": cannot read: " + e.getMessage());
    }
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith("-----BEGIN ") || !line.endsWith("-----")) {
        continue;
      }
      String type = line.substring(11, line.length() - 5);
      String end = "-----END " + type + "-----";
      List<String> headers = new ArrayList<>();
      StringBuilder base64 = new StringBuilder();
      int start = i + 1;
      for (i++; i < lines.length && !lines[i].strip().equals(end); i++) {
        String l = lines[i].strip();
        if (l.contains(":")) {
          headers.add(l);
        } else {
          base64.append(l);
        }
      }
      if (i == lines.length) {
        throw new WebConfigException(file + ":" + start + ": " + role + ": no " + end);
      }
      try {
        blocks.add(new Block(type, headers, Base64.getDecoder().decode(base64.toString()), start));
      } catch (IllegalArgumentException e) {
        throw new WebConfigException(file + ":" + start + ": " + role + ": bad base64 in the "
            + type + " block");
      }
    }
    return blocks;
  }

  /** ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, ... } */
  private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
    int[] outer = tlv(sec1, 0);
    if (sec1[0] != 0x30) {
      throw new GeneralSecurityException("EC PRIVATE KEY is not a DER sequence");
    }
    for (int at = outer[0]; at < outer[0] + outer[1]; ) {
      int[] item = tlv(sec1, at);
      if ((sec1[at] & 0xff) == 0xa0) {
        byte[] oid = new byte[item[1]];
        System.arraycopy(sec1, item[0], oid, 0, item[1]);
        return oid;
      }
      at = item[0] + item[1];
    }
    throw new GeneralSecurityException("EC PRIVATE KEY names no curve");
  }

  /** {content offset, content length} of the DER element at {@code at}. */
  private static int[] tlv(byte[] der, int at) throws GeneralSecurityException {
    int len = der[at + 1] & 0xff;
    int off = at + 2;
    if (len > 0x80) {
      int n = len - 0x80;
      if (n > 3) {
        throw new GeneralSecurityException("DER length too long");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[off++] & 0xff);
      }
    } else if (len == 0x80) {
      throw new GeneralSecurityException("indefinite DER length");
    }
    if (off + len > der.length) {
      throw new GeneralSecurityException("truncated DER");
    }
    return new int[] {off, len};
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, privateKey OCTET STRING } */
  private static byte[] pkcs8(byte[] algorithm, byte[] key) {
    return seq(VERSION_0, algorithm, der(0x04, key));
  }

  private static byte[] seq(byte[]... items) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] item : items) {
      content.writeBytes(item);
    }
    return der(0x30, content.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}

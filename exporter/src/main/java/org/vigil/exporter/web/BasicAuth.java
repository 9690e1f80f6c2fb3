package org.vigil.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code basic_auth_users}: checks an {@code Authorization} header against the bcrypt hashes.
 *
 * <p>A scrape every few seconds must not cost a bcrypt each (tens of milliseconds at cost 10), so
 * successful checks are remembered, as exporter-toolkit does, but only as an HMAC of user and
 * password under a key made for this configuration: no password is kept in clear, and the cache
 * goes with the configuration when it is reloaded. An unknown user costs a bcrypt against a
 * dummy hash of the same cost, so a wrong user and a wrong password take the same path.
 */
final class BasicAuth {
  private static final int MAX_CACHED = 256;
  private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2Y,
      LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));

  private final Map<String, byte[]> hashes;
  private final byte[] dummyHash;
  private final SecretKeySpec cacheKey;
  private final Set<ByteBuffer> verified = ConcurrentHashMap.newKeySet();

  BasicAuth(Map<String, String> users) {
    hashes = new HashMap<>();
    users.forEach((user, hash) -> hashes.put(user, hash.getBytes(StandardCharsets.US_ASCII)));
    SecureRandom random = new SecureRandom();
    int cost = users.values().stream().mapToInt(h -> Integer.parseInt(h.substring(4, 6)))
        .max().orElse(4);
    byte[] dummyPassword = new byte[16];
    random.nextBytes(dummyPassword);
    dummyHash = hashes.isEmpty() ? null : BCrypt.with(BCrypt.Version.VERSION_2Y, random,
        LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y)).hash(cost, dummyPassword);
    byte[] key = new byte[32];
    random.nextBytes(key);
    cacheKey = new SecretKeySpec(key, "HmacSHA256");
  }

  boolean required() {
    return !hashes.isEmpty();
  }

  /** Whether the {@code Authorization} header value (null when absent) lets the request in. */
  boolean allows(String authorization) {
    if (hashes.isEmpty()) {
      return true;
    }
    if (authorization == null || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    String credentials = new String(decoded, StandardCharsets.UTF_8);
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = credentials.substring(0, colon);
    byte[] password = credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    byte[] hash = hashes.get(user);
    if (hash == null) {
      VERIFYER.verify(password, dummyHash);
      return false;
    }
    ByteBuffer cacheEntry = ByteBuffer.wrap(mac(user, password));
    if (verified.contains(cacheEntry)) {
      return true;
    }
    if (!VERIFYER.verify(password, hash).verified) {
      return false;
    }
    if (verified.size() >= MAX_CACHED) {
      verified.clear();
    }
    verified.add(cacheEntry);
    return true;
  }

  private byte[] mac(String user, byte[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      byte[] u = user.getBytes(StandardCharsets.UTF_8);
      // Configured names have no control characters, so the NUL separates unambiguously.
      mac.update(u);
      mac.update((byte) 0);
      return mac.doFinal(password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.vigil.cluster.corosync;

import org.vigil.core.ParseException;

/** Strict number and address tokens shared by the corosync parsers. */
final class Tokens {
  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  private Tokens() {}

  /** A decimal int of at most 9 digits, no sign. */
  static int count(String token, String what, String source, int line) throws ParseException {
    if (!token.matches("[0-9]{1,9}")) {
      throw new ParseException(source, line, token, what + " is not a number");
    }
    return Integer.parseInt(token);
  }

  /** A node ID: decimal {@code %u} or {@code 0x%08x} (with {@code -H}), unsigned 32-bit. */
  static long nodeId(String token, String source, int line) throws ParseException {
    long value;
    if (token.matches("0x[0-9a-fA-F]{8}")) {
      value = Long.parseLong(token.substring(2), 16);
    } else if (token.matches("[0-9]{1,10}")) {
      value = Long.parseLong(token);
    } else {
      throw new ParseException(source, line, token, "node ID is not a number");
    }
    if (value > UINT32_MAX) {
      throw new ParseException(source, line, token, "node ID out of range");
    }
    return value;
  }

  /** An unsigned 64-bit decimal that fits a signed long. */
  static long decimal(String token, String what, String source, int line) throws ParseException {
    if (!token.matches("[0-9]{1,18}")) {
      throw new ParseException(source, line, token, what + " is not a number");
    }
    return Long.parseLong(token);
  }

  /** A hexadecimal 64-bit value that fits a signed long. */
  static long hex(String token, String what, String source, int line) throws ParseException {
    if (!token.matches("[0-9a-f]{1,15}")) {
      throw new ParseException(source, line, token, what + " is not a hexadecimal number");
    }
    return Long.parseLong(token, 16);
  }

  /** A numeric IPv4 or IPv6 address as corosync prints it (never a host name). */
  static String address(String token, String source, int line) throws ParseException {
    if (isIpv4(token) || isIpv6(token)) {
      return token;
    }
    throw new ParseException(source, line, token, "not a numeric IP address");
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    String addr = s;
    int pct = addr.indexOf('%');
    if (pct >= 0) {
      // link-local scope id, e.g. fe80::1%eth0
      if (!addr.substring(pct + 1).matches("[A-Za-z0-9_.-]{1,15}")) {
        return false;
      }
      addr = addr.substring(0, pct);
    }
    if (!addr.contains(":") || !addr.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    if (addr.indexOf("::") != addr.lastIndexOf("::") || addr.contains(":::")) {
      return false;
    }
    String[] groups = addr.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        continue;
      }
      if (i == groups.length - 1 && g.contains(".")) {
        if (!isIpv4(g)) {
          return false;
        }
        count += 2;
      } else if (g.matches("[0-9a-fA-F]{1,4}")) {
        count++;
      } else {
        return false;
      }
    }
    return addr.contains("::") ? count < 8 : count == 8;
  }
}

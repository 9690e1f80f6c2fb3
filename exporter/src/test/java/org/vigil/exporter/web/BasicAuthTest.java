package org.vigil.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BasicAuthTest {
  static final BasicAuth AUTH = new BasicAuth(Map.of("prom", WebConfigParserTest.HASH,
      "old", WebConfigParserTest.HASH_2A, "colon", WebConfigParserTest.HASH_2B));

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  void header(String label, String header, boolean allowed) {
    assertThat(AUTH.allows(header)).isEqualTo(allowed);
    assertThat(AUTH.allows(header)).as("again, possibly from the cache").isEqualTo(allowed);
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("right password", basic("prom:secret"), true),
        Arguments.of("scheme in lower case", "basic " + basic("prom:secret").substring(6), true),
        Arguments.of("$2a$ hash", basic("old:secret"), true),
        Arguments.of("$2b$ hash", basic("colon:secret"), true),
        Arguments.of("wrong password", basic("prom:Secret"), false),
        Arguments.of("password with a suffix", basic("prom:secret:"), false),
        Arguments.of("empty password", basic("prom:"), false),
        Arguments.of("unknown user", basic("root:secret"), false),
        Arguments.of("user case differs", basic("Prom:secret"), false),
        Arguments.of("no header", null, false),
        Arguments.of("no colon", basic("promsecret"), false),
        Arguments.of("bad base64", "Basic !!!", false),
        Arguments.of("other scheme", "Bearer " + basic("prom:secret").substring(6), false),
        Arguments.of("scheme only", "Basic", false));
  }

  @Test
  void noUsersNoAuthentication() {
    BasicAuth none = new BasicAuth(Map.of());
    assertThat(none.required()).isFalse();
    assertThat(none.allows(null)).isTrue();
    assertThat(AUTH.required()).isTrue();
  }
}

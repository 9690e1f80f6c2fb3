package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParseExceptionTest {

  @ParameterizedTest(name = "{4}")
  @MethodSource
  void messageFormat(String source, int line, String token, String reason, String expected) {
    ParseException e = new ParseException(source, line, token, reason);
    assertThat(e).hasMessage(expected);
  }

  static Stream<Arguments> messageFormat() {
    return Stream.of(
        arguments("/proc/drbd", 3, "xyz", "unexpected field",
            "/proc/drbd line 3: unexpected field 'xyz'"),
        arguments("/proc/drbd", 1, "cs:Foo", "unknown connection state",
            "/proc/drbd line 1: unknown connection state 'cs:Foo'"),
        arguments("/proc/drbd", 0, null, "empty input", "/proc/drbd: empty input"),
        arguments("/proc/drbd", 0, "x", "whole input", "/proc/drbd: whole input 'x'"),
        arguments("drbdsetup status", 12, null, "missing role",
            "drbdsetup status line 12: missing role"),
        arguments("src", 1, "", "empty token", "src line 1: empty token ''"),
        arguments("src", 2, "a\nb", "newline", "src line 2: newline 'a\\x0ab'"),
        arguments("src", 2, "a\r\nb", "crlf", "src line 2: crlf 'a\\x0d\\x0ab'"),
        arguments("src", 2, "a\tb", "tab", "src line 2: tab 'a\\tb'"),
        arguments("src", 2, "a|b", "pipe", "src line 2: pipe 'a\\x7cb'"),
        arguments("src", 2, "\u0000", "nul", "src line 2: nul '\\x00'"),
        arguments("src", 2, "\u001b[31mred", "escape", "src line 2: escape '\\x1b[31mred'"),
        arguments("src", 2, "del\u007f", "del", "src line 2: del 'del\\x7f'"),
        arguments("src", 2, "nel\u0085", "C1 control", "src line 2: C1 control 'nel\\x85'"),
        arguments("src", 2, "Gr\u00fc\u00dfe \u65e5\u672c", "printable",
            "src line 2: printable 'Gr\u00fc\u00dfe \u65e5\u672c'"));
  }

  @Test
  void accessorsKeepTheRawParts() {
    ParseException e = new ParseException("/proc/mdstat", 7, "a|b\n", "bad token");

    assertThat(e.source()).isEqualTo("/proc/mdstat");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.token()).isEqualTo("a|b\n");
    assertThat(e.reason()).isEqualTo("bad token");
  }

  @Test
  void tokensOfAtMostSixtyCharactersAreShownWhole() {
    String sixty = "x".repeat(60);
    assertThat(new ParseException("src", 1, sixty, "r"))
        .hasMessage("src line 1: r '" + sixty + "'");
  }

  @Test
  void longTokensAreCappedWithAnEllipsis() {
    String sixty = "x".repeat(60);
    assertThat(new ParseException("src", 1, sixty + "y", "r"))
        .hasMessage("src line 1: r '" + sixty + "...'");
    assertThat(new ParseException("src", 1, "z".repeat(100_000), "r"))
        .hasMessage("src line 1: r '" + "z".repeat(60) + "...'");
  }

  @Test
  void longTokensWithEscapesAreCappedToo() {
    String message = new ParseException("src", 1, "\u0001".repeat(100), "r").getMessage();
    assertThat(message).endsWith("...'").hasSizeLessThan(100);
  }

  @Test
  void aTokenCutBecauseOfEscapesEndsWithAnEllipsis() {
    String token = "\u0001".repeat(20) + "tail";
    assertThat(ParseException.printable(token)).endsWith("...");
  }
}

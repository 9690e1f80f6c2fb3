package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

  private Locale savedDefault;
  private Locale savedFormat;
  private Locale savedDisplay;

  @BeforeEach
  void saveLocale() {
    savedDefault = Locale.getDefault();
    savedFormat = Locale.getDefault(Locale.Category.FORMAT);
    savedDisplay = Locale.getDefault(Locale.Category.DISPLAY);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(savedDefault);
    Locale.setDefault(Locale.Category.FORMAT, savedFormat);
    Locale.setDefault(Locale.Category.DISPLAY, savedDisplay);
  }

  @ParameterizedTest(name = "plain({0}) = {1}")
  @CsvSource({
    "0,                  0",
    "-0.0,               0",
    "1,                  1",
    "-1,                 -1",
    "42.4,               42.4",
    "2.50,               2.5",
    "-273.15,            -273.15",
    "0.1,                0.1",
    "0.000123,           0.000123",
    "1e-7,               0.0000001",
    "999999999999999,    999999999999999",
    "12345678901234,     12345678901234",
    "1e15,               1000000000000000",
    "1e20,               100000000000000000000",
    "-1e20,              -100000000000000000000",
    "1234567.5,          1234567.5",
  })
  void plainIsNeverScientific(double value, String expected) {
    assertThat(Numbers.plain(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "plain({0}) is rejected")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void plainRejectsNonFinite(double value) {
    assertThatThrownBy(() -> Numbers.plain(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a finite number");
  }

  @ParameterizedTest(name = "bytes({0}) = {1}")
  @CsvSource({
    "0,                   0 B",
    "1,                   1 B",
    "1023,                1023 B",
    "1024,                1.0 KiB",
    "1025,                1.0 KiB",
    "1536,                1.5 KiB",
    "10240,               10.0 KiB",
    "1048576,             1.0 MiB",
    "12897485,            12.3 MiB", // 12.3 * 2^20 rounded
    "12845056,            12.3 MiB", // 12.25 MiB rounds half up
    "12845055,            12.2 MiB", // one byte under 12.25 MiB
    "1073741824,          1.0 GiB",
    "1099511627776,       1.0 TiB",
    "1125899906842624,    1.0 PiB",
    "1152921504606846976, 1.0 EiB",
    "9223372036854775807, 8.0 EiB",
  })
  void bytesUsesBinaryUnitsWithOneDecimal(long bytes, String expected) {
    assertThat(Numbers.bytes(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "bytes({0}) = {1}")
  @CsvSource({"1048575, 1.0 MiB", "1073741823, 1.0 GiB"})
  void bytesNeverShows1024OfAUnit(long bytes, String expected) {
    assertThat(Numbers.bytes(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "percent({0}) = {1}")
  @CsvSource({
    "0,       0.0%",
    "42.44,   42.4%",
    "42.46,   42.5%",
    "99.94,   99.9%",
    "100,     100.0%",
    "12.3456, 12.3%",
  })
  void percentHasOneDecimal(double value, String expected) {
    assertThat(Numbers.percent(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "default locale {0}")
  @ValueSource(strings = {"de-DE", "ar-EG"})
  void formattingIgnoresTheDefaultLocale(String tag) {
    Locale locale = tag.equals("de-DE") ? Locale.GERMANY : Locale.forLanguageTag(tag);
    Locale.setDefault(locale);
    // Precondition: this locale really does format numbers differently from the C locale.
    assertThat(String.format("%.1f", 42.4)).isNotEqualTo("42.4");

    assertThat(Numbers.percent(42.44)).isEqualTo("42.4%");
    assertThat(Numbers.plain(42.4)).isEqualTo("42.4");
    assertThat(Numbers.plain(12345678901234.0)).isEqualTo("12345678901234");
    assertThat(Numbers.bytes(12897485)).isEqualTo("12.3 MiB");
    assertThat(Numbers.bytes(1023)).isEqualTo("1023 B");
    assertThat(PerfData.of("p", 42.4, PerfData.Unit.PERCENT).withMax(100.5).format())
        .isEqualTo("'p'=42.4%;;;;100.5");
  }

  @Test
  void oneDecimalIsExactlyWhatTheFormatterPrints() {
    java.util.Random random = new java.util.Random(42);
    java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(0.0, -0.0, 0.05,
        0.15, 0.25, 0.35, 0.45, 1.05, 2.675, 99.95, 99.94999, 1023.95, 1e15, -0.04, -1.25,
        Double.NaN, Double.POSITIVE_INFINITY, 1e-7));
    for (int i = 0; i < 200_000; i++) {
      values.add(i % 2 == 0 ? random.nextDouble() * 1100 : Math.round(random.nextDouble() * 1e4)
          / 100.0 + (i % 4 == 1 ? 0.005 : 0));
    }
    for (double v : values) {
      assertThat(Numbers.oneDecimal(v)).as("%s", v)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", v));
    }
  }

  /** What plain() printed when it used BigDecimal, over every magnitude a double has. */
  @Test
  void plainIsExactlyWhatBigDecimalPrints() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 100_000; i++) {
      double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextLong() / Math.pow(10, random.nextInt(25));
      if (!Double.isFinite(v)) {
        continue;
      }
      String expected = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
          : new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
      assertThat(Numbers.plain(v)).as("%s", v).isEqualTo(expected);
    }
  }

  /** What oneDecimal() printed when it used BigDecimal, far beyond the Formatter comparison. */
  @Test
  void oneDecimalIsExactlyWhatBigDecimalPrints() {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 100_000; i++) {
      double v = Math.abs(i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      if (!Double.isFinite(v)) {
        continue;
      }
      assertThat(Numbers.oneDecimal(v)).as("%s", v).isEqualTo(java.math.BigDecimal.valueOf(v)
          .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
    }
  }

  @Test
  void clockPrintsWhatTheFormatStringItReplacedPrints() {
    long[] seconds = {0, 1, 9, 10, 59, 60, 61, 599, 3599, 3600, 3661, 35999, 36000, 86399,
        86400, 359999, 360000, 3_000_000_000L};
    for (long s : seconds) {
      java.time.Duration d = java.time.Duration.ofSeconds(s, 999_000_000);
      assertThat(Numbers.clock(d)).as("%ss", s).isEqualTo(String.format(Locale.ROOT,
          "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart()));
    }
    assertThat(Numbers.clock(java.time.Duration.ofSeconds(3725))).isEqualTo("1:02:05");
  }
}

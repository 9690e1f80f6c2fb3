package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link MdSysfsReader}'s array-name test and natural order against the regex versions they
 * replaced (kept here verbatim), on names near the md naming rules. The seed is fixed.
 */
class MdSysfsNamesAgreementTest {
  private static final Pattern MD_NAME = Pattern.compile("md(?:\\d+|_[A-Za-z0-9_]+)");
  private static final Comparator<String> REGEX_NATURAL = (a, b) -> {
    String da = a.replaceAll("\\D", "");
    String db = b.replaceAll("\\D", "");
    String pa = a.replaceAll("\\d", "");
    String pb = b.replaceAll("\\d", "");
    int c = pa.compareTo(pb);
    if (c != 0 || da.isEmpty() || db.isEmpty() || da.length() > 18 || db.length() > 18) {
      return c != 0 ? c : a.compareTo(b);
    }
    c = Long.compare(Long.parseLong(da), Long.parseLong(db));
    return c != 0 ? c : a.compareTo(b);
  };
  private static final List<String> PARTS = List.of("md", "md", "md_", "_", "0", "1", "9", "10",
      "127", "0000000000000000001", "99999999999999999999", "a", "Z", "p", "-", ".", " ", "\u0663",
      "\u00e9", "sda", "dm-", "loop");

  private final Random random = new Random(20261126L);

  private String name() {
    StringBuilder sb = new StringBuilder();
    int parts = random.nextInt(5);
    for (int i = 0; i < parts; i++) {
      sb.append(PARTS.get(random.nextInt(PARTS.size())));
    }
    return sb.toString();
  }

  @Test
  void md_names_agree_with_the_regex() {
    int names = 0;
    for (int i = 0; i < 50_000; i++) {
      String name = name();
      boolean expected = MD_NAME.matcher(name).matches();
      assertThat(MdNames.isMdName(name)).as(name).isEqualTo(expected);
      names += expected ? 1 : 0;
    }
    assertThat(names).isGreaterThan(1_000);
  }

  @Test
  void natural_order_agrees_with_the_regex_comparator() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String a = name();
      String b = random.nextInt(4) == 0 ? a : name();
      assertThat(Integer.signum(MdSysfsReader.NATURAL.compare(a, b))).as("%s vs %s", a, b)
          .isEqualTo(Integer.signum(REGEX_NATURAL.compare(a, b)));
      if (i < 2_000) {
        all.add(a);
      }
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(MdSysfsReader.NATURAL);
    List<String> expected = new ArrayList<>(all);
    expected.sort(REGEX_NATURAL);
    assertThat(sorted).isEqualTo(expected);
  }
}

package org.vigil.raid.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;
import org.vigil.raid.policy.MdPolicy;
import org.vigil.raid.policy.MdPolicyOptions;

/**
 * Generates inputs near the md grammars (valid pieces in random order, random vocabulary, random
 * numbers and separators) and random text. Seeds are fixed so a failure can be replayed; the
 * property is: a model the policy can evaluate, or a ParseException naming a line of the input.
 */
class MdParserFuzzTest {
  private static final int ROUNDS = 3000;
  private static final String ALPHABET =
      " \t\n:/=,.-_[]()<>%0123456789abcdeiklmnoprstuvxyzFJRSUW|>";
  private static final List<String> LEVELS =
      List.of("raid1", "raid5", "raid6", "raid4", "raid10", "raid0", "linear");

  private final Random random = new Random(20261126L);

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private boolean rare() {
    return random.nextInt(12) == 0;
  }

  private String number() {
    return switch (random.nextInt(8)) {
      case 0 -> "0";
      case 1 -> "12x";
      case 2 -> "99999999999999999999";
      case 3 -> "-1";
      default -> Long.toString(1 + random.nextInt(1_000_000));
    };
  }

  private String member(int nr) {
    StringBuilder sb = new StringBuilder("sd" + (char) ('a' + random.nextInt(20)) + (1 + nr))
        .append('[').append(rare() ? "X" : Integer.toString(nr)).append(']');
    List<String> flags = List.of("(W)", "(J)", "(F)", "(S)", "(R)", "(Z)");
    if (random.nextInt(3) == 0) {
      if (rare()) {
        sb.append(pick(flags)).append(pick(flags));
      } else {
        sb.append(pick(List.of("(F)", "(S)", "(W)", "(W)(F)", "(J)", "(S)(R)", "(R)", "(W)(S)")));
      }
    }
    return sb.toString();
  }

  private String map(int n, int missing) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i < missing ? '_' : 'U');
    }
    return sb.toString();
  }

  private String array(int index) {
    String level = pick(LEVELS);
    String state = rare() ? pick(List.of("degraded", "inactive", "broken")) : "active";
    StringBuilder sb = new StringBuilder("md" + index + " : " + state);
    if (random.nextInt(6) == 0) {
      sb.append(' ').append(pick(List.of("(read-only)", "(auto-read-only)", "(ro)")));
    }
    boolean inactive = state.equals("inactive");
    if (!inactive || rare()) {
      sb.append(' ').append(level);
    }
    int n = 2 + random.nextInt(4);
    for (int i = 0; i < n + random.nextInt(2); i++) {
      sb.append(' ').append(member(i));
    }
    sb.append("\n      ").append(rare() ? number() : Integer.toString(random.nextInt(99999)))
        .append(" blocks");
    if (random.nextBoolean()) {
      sb.append(" super ").append(pick(List.of("1.2", "1.0", "0.91", "external:imsm",
          "external:/md127/0", "non-persistent", "external:foo")));
    }
    int missing = random.nextInt(3) == 0 ? random.nextInt(3) : 0;
    int inSync = rare() ? n : n - missing;
    String slots = " [" + n + "/" + inSync + "] [" + map(n, missing) + "]";
    if (!inactive) {
      sb.append(switch (rare() ? pick(LEVELS) : level) {
        case "raid1" -> slots;
        case "raid4", "raid5", "raid6" -> " level " + (rare() ? "7" : level.substring(4))
            + ", 64k chunk, algorithm 2" + slots;
        case "raid10" -> pick(List.of(" 512K chunks 2 near-copies", " 2 far-copies",
            " 64K chunks 2 offset-copies 2 devices per set", "")) + slots;
        case "raid0" -> " 512k chunks";
        default -> " 64k rounding";
      });
    }
    sb.append('\n');
    if (random.nextInt(3) == 0) {
      int x = random.nextInt(21);
      String bar = "=".repeat(x) + ">" + ".".repeat(rare() ? 3 : 20 - x);
      sb.append("      [").append(bar).append("]  ")
          .append(pick(List.of("recovery", "resync", "check", "reshape", "repair")))
          .append(" = ").append(random.nextInt(rare() ? 200 : 100)).append('.')
          .append(random.nextInt(10)).append("% (").append(number()).append('/')
          .append(number()).append(") finish=1.5min speed=").append(number())
          .append("K/sec\n");
    } else if (random.nextInt(5) == 0) {
      sb.append("      \t").append(pick(List.of("resync=DELAYED", "resync=PENDING",
          "resync=REMOTE", "recover=REMOTE", "reshape=REMOTE", "resync=STALLED"))).append('\n');
    }
    if (random.nextInt(3) == 0) {
      sb.append("      bitmap: ").append(random.nextInt(5)).append('/').append(5)
          .append(" pages [4KB], 65536KB chunk\n");
    }
    sb.append(inactive ? "       \n" : random.nextBoolean() ? "      \n" : "\n");
    return sb.toString();
  }

  @Test
  void mdstat_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder text = new StringBuilder(
          "Personalities : [raid1] [raid6] [raid5] [raid4] [raid10] [raid0] [linear] \n");
      if (rare()) {
        text.setLength(0);
      }
      int arrays = random.nextInt(4);
      for (int a = 0; a < arrays; a++) {
        text.append(array(rare() ? 0 : a));
      }
      if (random.nextInt(10) != 0) {
        text.append(rare() ? "unused devices:\n" : "unused devices: <none>\n");
      }
      if (random.nextInt(10) == 0) {
        text.setLength(random.nextInt(text.length() + 1));
      }
      String input = text.toString();
      if (check(() -> evaluate(new MdstatParser().parse(input, "fuzz")), input)) {
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(ROUNDS / 20);
  }

  private String row(int slot, boolean container) {
    String number = rare() ? "-" : Integer.toString(slot);
    String raid = container || random.nextInt(6) == 0 ? "-" : Integer.toString(slot);
    String states = container ? "" : pick(List.of("active sync", "active sync", "spare rebuilding",
        "removed", "faulty", "spare", "sync", "active sync set-A", "faulty spare",
        "active sync writemostly", "journal", "active sync failfast", "rebuilding", "sync active",
        "active sync degraded"));
    String path = states.equals("removed") ? "" : "   /dev/sd" + (char) ('a' + slot);
    return String.format("   %5s   %5d    %5d    %5s      %s%s\n", number, 8, slot * 16, raid,
        states, path);
  }

  private String detailBlock(int index) {
    boolean container = random.nextInt(8) == 0;
    int n = 2 + random.nextInt(3);
    StringBuilder sb = new StringBuilder("/dev/md" + index + ":\n");
    sb.append("           Version : ").append(container ? "imsm" : "1.2").append('\n');
    sb.append("        Raid Level : ").append(container ? "container"
        : rare() ? "raid7" : pick(LEVELS)).append('\n');
    if (!container || rare()) {
      sb.append("      Raid Devices : ").append(rare() ? number() : Integer.toString(n))
          .append('\n');
    }
    sb.append("     Total Devices : ").append(n).append("\n\n");
    if (!container) {
      List<String> parts = new ArrayList<>();
      parts.add(pick(List.of("clean", "active", "inactive", "broken", "readonly", "read-auto",
          "dirty")));
      if (random.nextBoolean()) {
        parts.add(pick(List.of("degraded", "FAILED")));
      }
      if (random.nextBoolean()) {
        parts.add(pick(List.of("recovering", "resyncing", "reshaping", "checking", "rebuilding")));
      }
      if (random.nextInt(4) == 0) {
        parts.add("Not Started");
      }
      if (rare()) {
        java.util.Collections.shuffle(parts, random);
      }
      String suffix = random.nextInt(5) == 0
          ? " " + pick(List.of("(DELAYED)", "(PENDING)", "(REMOTE)")) : "";
      sb.append("             State : ").append(String.join(", ", parts)).append(suffix)
          .append(" \n");
      sb.append("    Active Devices : ").append(random.nextInt(n + 1)).append('\n');
      sb.append("    Failed Devices : ").append(random.nextInt(2)).append("\n\n");
    }
    if (random.nextInt(4) == 0) {
      sb.append("    ").append(pick(List.of("Rebuild", "Resync", "Reshape", "Check")))
          .append(" Status : ").append(random.nextInt(rare() ? 300 : 100))
          .append("% complete\n\n");
    }
    if (rare()) {
      sb.append("        Bad Blocks : present\n");
    }
    sb.append(container ? "    Number   Major   Minor   RaidDevice\n\n"
        : "    Number   Major   Minor   RaidDevice State\n");
    int rows = container ? n : n - (rare() ? 1 : 0);
    for (int r = 0; r < rows; r++) {
      sb.append(row(r, container));
    }
    if (!container && random.nextInt(4) == 0) {
      sb.append('\n').append(row(n, false).replaceFirst("    \\s*\\d+      ", "        -      "));
    }
    return sb.toString();
  }

  @Test
  void detail_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder text = new StringBuilder();
      if (random.nextInt(5) == 0) {
        int lines = 1 + random.nextInt(3);
        for (int l = 0; l < lines; l++) {
          text.append(pick(List.of("ARRAY", "ARRAY", "INACTIVE-ARRAY"))).append(" /dev/md")
              .append(l).append(' ').append(pick(List.of("metadata=1.2", "metadata=imsm",
                  "container=/dev/md/imsm0 member=0", "level=raid1", "metadata=1.2 colour=red")))
              .append(" UUID=").append(rare() ? "xyz" : "0a0b0c0d:01020304:05060708:090a0b0c")
              .append('\n');
          if (random.nextBoolean()) {
            text.append("   devices=/dev/sda1,/dev/sdb1\n");
          }
        }
      } else {
        int blocks = 1 + random.nextInt(2);
        for (int b = 0; b < blocks; b++) {
          text.append(detailBlock(rare() ? 0 : b));
        }
      }
      if (random.nextInt(10) == 0) {
        text.setLength(random.nextInt(text.length() + 1));
      }
      String input = text.toString();
      if (check(() -> evaluate(new MdadmDetailParser().parse(input, "fuzz")), input)) {
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(ROUNDS / 20);
  }

  @Test
  void sysfs_values() {
    int parsed = 0;
    List<String> words = List.of("0", "12", "12x", "", "idle", "check", "repair", "clean",
        "active-idle", "read-auto", "scrub", "-1", " 1", "1 ", "99999999999999999999", "frozen");
    for (int round = 0; round < ROUNDS; round++) {
      String file = pick(MdSysfsParser.FILES);
      String content = pick(words) + pick(List.of("\n", "\n", "", "\n\n", "\nx\n"));
      try {
        MdSysfs s = MdSysfsParser.parse("md0", Map.of(file, content), "fuzz");
        MdPolicy.evaluate(Optional.empty(), List.of(), Map.of("md0", s),
            MdPolicyOptions.defaults());
        parsed++;
      } catch (ParseException e) {
        assertThat(e.source()).isEqualTo("fuzz/" + file);
      }
    }
    assertThat(parsed).isGreaterThan(ROUNDS / 20);
  }

  @Test
  void random_text() {
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder sb = new StringBuilder(switch (random.nextInt(4)) {
        case 0 -> "Personalities : [raid1] \n";
        case 1 -> "/dev/md0:\n";
        case 2 -> "ARRAY /dev/md0 ";
        default -> "";
      });
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = sb.toString();
      check(() -> evaluate(new MdstatParser().parse(text, "fuzz")), text);
      check(() -> evaluate(new MdadmDetailParser().parse(text, "fuzz")), text);
    }
  }

  private static void evaluate(Mdstat m) {
    MdPolicy.evaluate(Optional.of(m), List.of(), Map.of(), MdPolicyOptions.defaults());
    MdPolicy.evaluate(Optional.of(m), List.of(), Map.of(),
        new MdPolicyOptions(List.of("md0", "/dev/md9"), true));
  }

  private static void evaluate(MdadmDetail d) {
    MdPolicy.evaluate(Optional.empty(), List.of(d), Map.of(), MdPolicyOptions.defaults());
  }

  /** True if the input parsed; a ParseException is fine; anything else fails the test. */
  private static boolean check(ParseErrors.Attempt call, String input) {
    return ParseErrors.acceptedOrRefused(call, "fuzz", input);
  }
}

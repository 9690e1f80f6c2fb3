package org.vigil.raid.btrfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.core.ParseException;
import org.vigil.fixtures.ParseErrors;
import org.vigil.raid.policy.BtrfsPolicy;
import org.vigil.raid.policy.BtrfsPolicyOptions;

/**
 * Generates inputs near the grammar (valid pieces of every layout in random order, random words,
 * numbers, sizes, times and separators, cut at random places) and random text. Seeds are fixed so a
 * failure can be replayed; the property: a model the policy can evaluate, or a ParseException.
 */
class BtrfsParserFuzzTest {
  private static final int ROUNDS = 3000;
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
  private static final DateTimeFormatter C_TIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final List<String> UUIDS = List.of("5204acda-b256-4e01-91e5-de8688dc809e",
      "0e8c4f7a-31d2-4b9e-9a55-2f7c1d6e8b40", "<UUID>", "5204ACDA-B256-4E01-91E5-DE8688DC809E");
  private static final List<String> UNITS =
      List.of("B", "KiB", "MiB", "GiB", "TiB", "EiB", "kB", "MB", "GB", "Mib", "");
  private static final String ALPHABET =
      " \t\n:/=,.-_()[]*%0123456789abcdefilnorstuvwxyzCDEMNRSTU|";

  private final Random random = new Random(20261126L);

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private String number() {
    return switch (random.nextInt(8)) {
      case 0 -> Long.toString(random.nextInt(1000));
      case 1 -> Long.toString(Math.abs(random.nextLong()));
      case 2 -> "99999999999999999999";
      case 3 -> "-" + random.nextInt(10);
      case 4 -> "12x";
      default -> Integer.toString(random.nextInt(4));
    };
  }

  private String time() {
    if (chance(15)) {
      return pick(List.of("Wed Apr 10 12:34:56 2023", "Mi 25 Nov 2026 15:35:56", "",
          "Sat Feb 30 10:00:00 2020", "Sat Mar 14 10:22:47"));
    }
    long seconds = 1_300_000_000L + (long) (random.nextDouble() * 500_000_000L);
    return C_TIME.format(Instant.ofEpochSecond(seconds));
  }

  private String size(boolean legacy) {
    if (!legacy && chance(4)) {
      return Long.toString(random.nextInt(1 << 30));
    }
    String n = random.nextInt(1024) + "." + String.format("%02d", random.nextInt(100));
    if (chance(12)) {
      n = random.nextInt(1024) + "." + random.nextInt(10);
    }
    return n + (legacy && !chance(12) ? pick(List.of("B", "KiB", "MiB", "GiB", "TiB"))
        : chance(6) ? pick(UNITS) : pick(List.of("B", "MiB", "GiB", "TiB")));
  }

  private String clock(boolean legacy) {
    if (chance(12)) {
      return pick(List.of("0:61:00", "1:2", "12x:00:00", "00:00:00:00",
          "2562047788015215:00:00"));
    }
    int h = random.nextInt(30);
    return (legacy ? String.format("%02d", h) : Integer.toString(h))
        + String.format(":%02d:%02d", random.nextInt(60), random.nextInt(60));
  }

  private String pad() {
    return chance(5) ? "\t" : " ".repeat(1 + random.nextInt(6));
  }

  private String state() {
    return chance(10) ? pick(List.of("paused", "Finished", "done"))
        : pick(List.of("running", "finished", "aborted", "interrupted"));
  }

  private void labelledRecord(List<String> out, boolean raw, boolean device) {
    boolean stats = !chance(5);
    String status = state();
    if (stats) {
      out.add((chance(5) ? "Scrub resumed:" : "Scrub started:") + pad() + time());
      out.add("Status:" + pad() + status);
      out.add("Duration:" + pad() + clock(false));
    } else {
      out.add("\tno stats available");
      if (device && chance(2)) {
        return;
      }
    }
    if (raw) {
      for (RawScrubCounter c : RawScrubCounter.values()) {
        if (!chance(40)) {
          out.add("\t" + (chance(60) ? "bogus_errors" : c.key()) + ": "
              + (chance(10) ? number() : Integer.toString(random.nextInt(3))));
        }
      }
      return;
    }
    if (chance(15)) {
      out.add("*** WARNING: memory allocation failed while scrubbing. results may be inaccurate");
    }
    boolean running = status.equals("running") ? !chance(10) : chance(10);
    if (running) {
      out.add("Time left:" + pad() + clock(false));
      out.add("ETA:" + pad() + time());
      out.add("Total to scrub:" + pad() + size(false));
      out.add("Bytes scrubbed:" + pad() + size(false)
          + (chance(3) ? "" : "  (" + random.nextInt(120) + "." + String.format("%02d",
              random.nextInt(100)) + "%)"));
    } else {
      out.add("Total to scrub:" + pad() + size(false));
    }
    out.add("Rate:" + pad() + size(false) + "/s" + pick(List.of("", "", "", " (limit "
        + size(false) + "/s)", " (some device limits set)")));
    if (chance(2)) {
      out.add("Error summary:" + pad() + "no errors found");
    } else {
      StringBuilder keys = new StringBuilder();
      for (String k : List.of("read", "super", "verify", "csum")) {
        if (chance(2)) {
          keys.append(' ').append(k).append('=').append(chance(10) ? number()
              : Integer.toString(1 + random.nextInt(99)));
        }
      }
      out.add("Error summary:   " + keys);
      out.add("  Corrected:      " + (chance(10) ? number() : random.nextInt(5)));
      out.add("  Uncorrectable:  " + (chance(10) ? number() : random.nextInt(5)));
      out.add("  Unverified:     " + (chance(10) ? number() : random.nextInt(5)));
    }
  }

  private void legacyRecord(List<String> out, boolean raw, boolean seconds) {
    if (chance(6)) {
      out.add("\tno stats available");
    } else {
      String duration = seconds ? (chance(20) ? number() : random.nextInt(100000)) + " seconds"
          : clock(true);
      out.add("\tscrub " + (chance(5) ? "resumed" : "started") + " at " + time()
          + pick(List.of(" and finished after " + duration, " and was aborted after " + duration,
              ", running for " + duration, ", interrupted after " + duration + ", not running")));
    }
    if (raw) {
      for (RawScrubCounter c : RawScrubCounter.values()) {
        out.add("\t" + c.key() + ": " + (chance(20) ? number() : random.nextInt(3)));
      }
      return;
    }
    if (chance(3)) {
      out.add("\ttotal bytes scrubbed: " + size(true) + " with 0 errors");
    } else {
      int csum = random.nextInt(5);
      int corrected = random.nextInt(5);
      int unc = random.nextInt(5);
      int total = chance(4) ? random.nextInt(9) : Math.max(csum, corrected + unc);
      out.add("\ttotal bytes scrubbed: " + size(true) + " with " + total + " errors");
      out.add("\terror details:" + (csum > 0 ? " csum=" + csum : ""));
      out.add("\tcorrected errors: " + corrected + ", uncorrectable errors: " + unc
          + ", unverified errors: " + random.nextInt(3));
    }
  }

  private String scrubText() {
    List<String> out = new ArrayList<>();
    boolean legacy = chance(3);
    boolean raw = chance(2);
    boolean perDevice = chance(3);
    boolean seconds = chance(2);
    int header = random.nextInt(6);
    if (chance(8)) {
      out.add(pick(List.of("NOTE: Reading progress from status file",
          "ERROR: there are 2 uncorrectable errors", "Starting scrub on devid 1",
          "WARNING: device 2 not present")));
    }
    switch (header) {
      case 0, 1, 2 -> out.add(legacy ? "scrub status for " + pick(UUIDS)
          : "UUID:" + pad() + pick(UUIDS));
      case 3 -> out.add("scrub " + pick(List.of("done", "canceled")) + " for " + pick(UUIDS));
      default -> perDevice = true;
    }
    int devices = perDevice ? 1 + random.nextInt(3) : 0;
    if (!perDevice) {
      if (legacy) {
        legacyRecord(out, raw, seconds);
      } else {
        labelledRecord(out, raw, false);
      }
    }
    for (int d = 0; d < devices; d++) {
      if (!legacy && chance(2)) {
        out.add("");
      }
      String label = header >= 3 ? pick(List.of("done", "canceled")) : pick(List.of("history",
          "status", "", "done"));
      out.add((legacy || chance(3) ? "scrub" : "Scrub") + " device "
          + pick(List.of("/dev/sda", "/dev/loop2", "", "/dev/mapper/x y")) + " (id "
          + (chance(10) ? "x" : Integer.toString(d + 1)) + ") " + label);
      if (legacy) {
        legacyRecord(out, raw, seconds);
      } else {
        labelledRecord(out, raw, true);
      }
    }
    if (chance(10) && !out.isEmpty()) {
      out.remove(random.nextInt(out.size()));
    }
    if (chance(10) && out.size() > 1) {
      int i = random.nextInt(out.size() - 1);
      out.add(i, out.remove(i + 1));
    }
    String text = String.join("\n", out) + "\n";
    if (chance(10)) {
      text = text.substring(0, random.nextInt(text.length() + 1));
    }
    return text;
  }

  private String statsText() {
    StringBuilder sb = new StringBuilder();
    int devices = 1 + random.nextInt(3);
    for (int d = 0; d < devices; d++) {
      String dev = pick(List.of("/dev/sda" + d, "devid:" + (d + 2), "(null)", "sdb", "",
          "devid:99999999999999999999"));
      for (DeviceStatsCounter c : DeviceStatsCounter.values()) {
        if (chance(30)) {
          continue;
        }
        sb.append('[').append(dev).append("].")
            .append(chance(40) ? "bitflip_errs" : c.key())
            .append(chance(4) ? "\t" : " ".repeat(1 + random.nextInt(5)))
            .append(chance(10) ? number() : Integer.toString(random.nextInt(3))).append('\n');
      }
    }
    String text = sb.toString();
    if (chance(10)) {
      text = text.substring(0, random.nextInt(text.length() + 1));
    }
    return text;
  }

  @Test
  void scrub_status_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String text = scrubText();
      if (checkScrub(text)) {
        parsed++;
      }
    }
    // The generator must reach the valid part of the grammar, or the test proves little.
    assertThat(parsed).isGreaterThan(ROUNDS / 50);
  }

  @Test
  void device_stats_near_the_grammar() {
    int parsed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      if (checkStats(statsText())) {
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(ROUNDS / 50);
  }

  @Test
  void random_text() {
    for (int round = 0; round < ROUNDS; round++) {
      StringBuilder sb = new StringBuilder(chance(2) ? "UUID:             " + pick(UUIDS) + "\n"
          : "");
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = sb.toString();
      checkScrub(text);
      checkStats(text);
    }
  }

  /** True if the input parsed; a ParseException is fine; anything else fails the test. */
  private static boolean checkScrub(String input) {
    return ParseErrors.acceptedOrRefused(() -> BtrfsPolicy.evaluate("fs",
        Optional.of(new ScrubStatusParser(ZoneOffset.UTC).parse(input, "fuzz")), Optional.empty(),
        BtrfsPolicyOptions.defaults(), NOW), "fuzz", input);
  }

  private static boolean checkStats(String input) {
    return ParseErrors.acceptedOrRefused(() -> BtrfsPolicy.evaluate("fs", Optional.empty(),
        Optional.of(new DeviceStatsParser().parse(input, "fuzz")),
        BtrfsPolicyOptions.defaults(), NOW), "fuzz", input);
  }
}

package org.vigil.raid.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.core.ParseException;

class ProcMountsTest {

  @Test
  void fields_and_octal_escapes() throws ParseException {
    var mounts = ProcMounts.parse(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
            + "/dev/loop0 /srv/my\\040data\\134x btrfs rw,subvol=/ 0 0\n", "mounts");
    assertThat(mounts).hasSize(2);
    assertThat(mounts.get(1)).isEqualTo(
        new ProcMounts.Mount("/dev/loop0", "/srv/my data\\x", "btrfs"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''|0|empty input",
    "'/dev/sda1 / ext4 rw 0'|1|no newline",
    "'/dev/sda1 / ext4 rw 0\n'|1|expected 6 fields",
    "'/dev/sda1 /a\\04 ext4 rw 0 0\n'|1|truncated octal escape",
    "'/dev/sda1 /a\\09x ext4 rw 0 0\n'|1|bad octal escape",
    "'/dev/sda1  / ext4 rw 0 0\n'|1|expected 6 fields"
  })
  void malformed_lines_name_the_line(String text, int line, String reason) {
    assertThatThrownBy(() -> ProcMounts.parse(text, "mounts"))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.getMessage()).contains(reason);
        });
  }

  @Test
  void random_input_is_parsed_or_refused_never_anything_else() {
    Random random = new Random(7);
    String alphabet = " \\\n0123456789/abcrw,=";
    for (int round = 0; round < 5000; round++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(80);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        ProcMounts.parse(sb.toString(), "mounts");
      } catch (ParseException e) {
        assertThat(e.source()).isEqualTo("mounts");
      }
    }
  }
}

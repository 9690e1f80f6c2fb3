package org.vigil.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PackageDocsTest {
  @Test
  void debian_versions_follow_jdeb() {
    assertThat(PackageDocs.debianVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0~SNAPSHOT");
    assertThat(PackageDocs.debianVersion("0.1.0")).isEqualTo("0.1.0");
    assertThat(PackageDocs.debianVersion("1.0-rc1")).isEqualTo("1.0~rc1");
    assertThat(PackageDocs.debianVersion("1.0.0-beta-2")).isEqualTo("1.0.0~beta+2");
    assertThat(PackageDocs.debianVersion("1.0_x")).isEqualTo("1.0+x");
  }

  @Test
  void roff_escapes_hyphens_backslashes_requests_and_non_ascii() {
    assertThat(PackageDocs.escape("--proc-drbd")).isEqualTo("\\-\\-proc\\-drbd");
    assertThat(PackageDocs.escape("a\\b")).isEqualTo("a\\eb");
    assertThat(PackageDocs.escape(".TH x")).isEqualTo("\\&.TH x");
    assertThat(PackageDocs.escape("'quoted'")).isEqualTo("\\&'quoted'");
    assertThat(PackageDocs.escape("a \u2014 b")).isEqualTo("a \\[u2014] b");
  }

  @Test
  void man_page_wraps_the_help_verbatim() {
    PackageDocs.Page page = PackageDocs.PAGES.get(0);
    String roff = PackageDocs.manPage(page, "1.2.3",
        List.of("Usage: check_drbd [-hVv]\n\n.dot line\n  -t=SECONDS  timeout\n"));
    assertThat(roff).contains(".TH CHECK_DRBD 1vigil \"\" \"Vigil 1.2.3\" \"Vigil\"\n")
        .contains(".SH NAME\ncheck_drbd \\- strict DRBD")
        .contains(".nf\nUsage: check_drbd [\\-hVv]\n\\&\n\\&.dot line\n  \\-t=SECONDS  timeout\n.fi\n")
        .doesNotContain(".BR check_drbd (1vigil)");
    assertThat(roff.chars().allMatch(c -> c < 0x80)).isTrue();
  }

  @Test
  void gzip_is_max_compression_without_time_stamp_and_round_trips() throws Exception {
    byte[] data = "hello, man\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    byte[] gz = PackageDocs.gzip(data);
    assertThat(gz[3]).as("no name").isZero();
    assertThat(gz[4] | gz[5] | gz[6] | gz[7]).as("mtime").isZero();
    assertThat(gz[8]).as("XFL max compression").isEqualTo((byte) 2);
    assertThat(gz[9]).as("OS Unix").isEqualTo((byte) 3);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void changelog_entry_is_debian_format() {
    String c = PackageDocs.changelog("0.1.0-SNAPSHOT", "A B <a@b.example>",
        Instant.parse("2026-01-05T07:08:09Z"));
    assertThat(c).startsWith("vigil (0.1.0~SNAPSHOT) unstable; urgency=medium\n\n  * ")
        .endsWith("\n -- A B <a@b.example>  Mon, 05 Jan 2026 07:08:09 +0000\n");
  }
}

package org.vigil.raid.md;

import java.util.List;

/**
 * A parsed {@code mdadm --detail} output: one or more array blocks, or the lines of {@code mdadm
 * --detail --scan} (never both in one input).
 *
 * @param arrays the {@code /dev/mdX:} blocks
 * @param scanEntries the {@code ARRAY}/{@code INACTIVE-ARRAY} lines
 */
public record MdadmDetail(List<MdArrayDetail> arrays, List<MdScanEntry> scanEntries) {
  public MdadmDetail {
    arrays = List.copyOf(arrays);
    scanEntries = List.copyOf(scanEntries);
  }
}

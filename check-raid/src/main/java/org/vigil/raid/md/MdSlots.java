package org.vigil.raid.md;

/**
 * The slot map of a redundant array, {@code [n/m] [UU_]}.
 *
 * @param raidDisks n: the number of slots
 * @param inSync m: slots whose device is in sync (raid_disks - degraded)
 * @param map one {@code U} (in sync) or {@code _} (missing, faulty or rebuilding) per slot
 */
public record MdSlots(int raidDisks, int inSync, String map) {

  /** Members missing for full redundancy: n - m, or the {@code _} count if larger. */
  public int missing() {
    return Math.max(raidDisks - inSync, underscores());
  }

  public int underscores() {
    int n = 0;
    for (int i = 0; i < map.length(); i++) {
      if (map.charAt(i) == '_') {
        n++;
      }
    }
    return n;
  }

  public String text() {
    return "[" + raidDisks + "/" + inSync + "] [" + map + "]";
  }
}

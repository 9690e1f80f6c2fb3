package org.vigil.raid.md;

import java.util.List;
import java.util.Optional;

/**
 * One array block of /proc/mdstat.
 *
 * @param name the kernel name, {@code md0}
 * @param state active, broken or inactive
 * @param readOnly the read-only marker (READ_WRITE when none was printed)
 * @param level the personality; empty for inactive arrays (the kernel prints none)
 * @param members the member devices in printed order
 * @param blocks the size in 1K blocks of the blocks line
 * @param metadata the superblock format
 * @param slots the slot map of redundant levels
 * @param geometry chunk/rounding/layout words
 * @param sync the progress or {@code resync=} line, if any
 * @param bitmap the bitmap line, if any
 * @param line the 1-based line of {@code mdX :} in the source
 */
public record MdArray(
    String name,
    MdstatArrayState state,
    MdReadOnly readOnly,
    Optional<MdLevel> level,
    List<MdMember> members,
    long blocks,
    MdMetadata metadata,
    Optional<MdSlots> slots,
    MdGeometry geometry,
    Optional<MdSync> sync,
    Optional<MdBitmap> bitmap,
    int line) {

  public MdArray {
    members = List.copyOf(members);
  }

  /**
   * An IMSM/DDF container: inactive with {@code super external:imsm|ddf}. Containers hold only the
   * metadata and are always inactive; their member arrays carry the data.
   */
  public boolean isContainer() {
    return state == MdstatArrayState.INACTIVE
        && metadata.kind() == MdMetadata.Kind.EXTERNAL_CONTAINER;
  }
}

package org.vigil.raid.md;

import java.util.OptionalInt;

/**
 * The personality-specific layout words of the blocks line.
 *
 * @param chunkKib raid0 {@code Nk chunks}, raid4/5/6 {@code Nk chunk}, raid10 {@code NK chunks}
 * @param roundingKib linear {@code Nk rounding}
 * @param level raid4/5/6 {@code level N}
 * @param algorithm raid4/5/6 {@code algorithm N}
 * @param nearCopies raid10 {@code N near-copies}
 * @param farCopies raid10 {@code N far-copies}
 * @param offsetCopies raid10 {@code N offset-copies}
 * @param devicesPerSet raid10 {@code N devices per set}
 */
public record MdGeometry(
    OptionalInt chunkKib,
    OptionalInt roundingKib,
    OptionalInt level,
    OptionalInt algorithm,
    OptionalInt nearCopies,
    OptionalInt farCopies,
    OptionalInt offsetCopies,
    OptionalInt devicesPerSet) {

  public static final MdGeometry NONE = new MdGeometry(
      OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
      OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

  /** raid10: copies of each block (near x far/offset); 1 for other levels. */
  public int raid10Copies() {
    return nearCopies.orElse(1) * Math.max(farCopies.orElse(1), offsetCopies.orElse(1));
  }
}

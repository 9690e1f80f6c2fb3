package org.vigil.raid.md;

import java.util.List;
import java.util.Optional;

/**
 * A parsed /proc/mdstat.
 *
 * @param personalities the registered personalities of the first line
 * @param arrays the arrays in printed order
 * @param unusedDevices devices of the {@code unused devices:} line (empty for {@code <none>})
 */
public record Mdstat(
    List<MdLevel> personalities, List<MdArray> arrays, List<String> unusedDevices) {
  public Mdstat {
    personalities = List.copyOf(personalities);
    arrays = List.copyOf(arrays);
    unusedDevices = List.copyOf(unusedDevices);
  }

  public Optional<MdArray> array(String name) {
    for (MdArray array : arrays) {
      if (array.name().equals(name)) {
        return Optional.of(array);
      }
    }
    return Optional.empty();
  }
}

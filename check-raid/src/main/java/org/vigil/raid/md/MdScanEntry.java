package org.vigil.raid.md;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of {@code mdadm --detail --scan}: {@code ARRAY <dev> key=value...} or {@code
 * INACTIVE-ARRAY <dev> ...}, with the {@code devices=} continuation of {@code -v}.
 *
 * @param device the device as printed
 * @param name {@code device} without {@code /dev/}
 * @param inactive the line was {@code INACTIVE-ARRAY}
 * @param attributes the key=value pairs in printed order (quotes removed)
 * @param devices the member devices of a {@code devices=} continuation line
 * @param line the 1-based line
 */
public record MdScanEntry(
    String device, String name, boolean inactive, Map<String, String> attributes,
    List<String> devices, int line) {

  public MdScanEntry {
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    devices = List.copyOf(devices);
  }

  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /** A container line: {@code metadata=imsm|ddf} without {@code container=}. */
  public boolean isContainer() {
    return attribute("container").isEmpty()
        && attribute("metadata").map(m -> m.equals("imsm") || m.equals("ddf")).orElse(false);
  }
}

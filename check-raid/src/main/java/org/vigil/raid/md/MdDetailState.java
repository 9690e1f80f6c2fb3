package org.vigil.raid.md;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value of {@code State :} in {@code mdadm --detail}, e.g. {@code clean, degraded, recovering}.
 *
 * @param arrayState the first word
 * @param flags the words after it
 */
public record MdDetailState(ArrayState arrayState, Set<DetailStateFlag> flags) {
  public MdDetailState {
    flags = Set.copyOf(flags);
  }

  public boolean has(DetailStateFlag flag) {
    return flags.contains(flag);
  }

  /** A sync action that does work now (not DELAYED or PENDING). */
  public boolean syncInProgress(DetailStateFlag sync) {
    return flags.contains(sync) && !flags.contains(DetailStateFlag.DELAYED)
        && !flags.contains(DetailStateFlag.PENDING);
  }

  /** The state as mdadm prints it. */
  public String text() {
    StringBuilder sb = new StringBuilder(arrayState.token());
    flags.stream().sorted().forEach(f -> sb.append(f.isSuffix() ? " " : ", ").append(f.token()));
    return sb.toString();
  }

  @Override
  public String toString() {
    return text() + flags.stream().map(Enum::name).collect(Collectors.joining(",", " [", "]"));
  }
}

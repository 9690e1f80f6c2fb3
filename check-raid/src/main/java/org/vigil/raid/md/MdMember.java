package org.vigil.raid.md;

import java.util.Set;

/**
 * One member device of an array in /proc/mdstat, {@code name[N](flags)}.
 *
 * @param device the block device name as the kernel prints it ({@code sda1}, {@code dm-15})
 * @param descriptor the descriptor number in brackets ({@code desc_nr}, not the slot)
 * @param flags the flags printed after it
 */
public record MdMember(String device, int descriptor, Set<MemberFlag> flags) {
  public MdMember {
    flags = Set.copyOf(flags);
  }

  public boolean faulty() {
    return flags.contains(MemberFlag.FAULTY);
  }

  public boolean spare() {
    return flags.contains(MemberFlag.SPARE);
  }

  public boolean journal() {
    return flags.contains(MemberFlag.JOURNAL);
  }

  public boolean replacement() {
    return flags.contains(MemberFlag.REPLACEMENT);
  }

  public boolean writeMostly() {
    return flags.contains(MemberFlag.WRITE_MOSTLY);
  }

  /** The member as the kernel printed it, e.g. {@code sdb1[1](W)(F)}. */
  public String text() {
    StringBuilder text = new StringBuilder(device).append('[').append(descriptor).append(']');
    for (MemberFlag flag : MemberFlag.values()) {  // declaration order
      if (flags.contains(flag)) {
        text.append(flag.token());
      }
    }
    return text.toString();
  }
}

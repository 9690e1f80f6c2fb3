package org.vigil.cluster.corosync;

import java.util.OptionalLong;

/**
 * The {@code Ring ID:} value in one of its three printed forms.
 *
 * @param form how it was printed
 * @param representative the representative node ID, absent in the {@link Form#SEQUENCE} form
 * @param sequence the ring sequence number
 */
public record RingId(Form form, OptionalLong representative, long sequence) {
  /** The printed forms. */
  public enum Form {
    /** {@code 3316}: sequence only (corosync 2.3, or no votequorum). */
    SEQUENCE,
    /** {@code 1084783375/40}: representative node / decimal sequence (corosync 2.4). */
    SLASH_DECIMAL,
    /** {@code 2.4a46b}: representative node . hexadecimal sequence (corosync 3). */
    DOT_HEX
  }

  public String text() {
    return switch (form) {
      case SEQUENCE -> Long.toString(sequence);
      case SLASH_DECIMAL -> representative.getAsLong() + "/" + sequence;
      case DOT_HEX -> representative.getAsLong() + "." + Long.toHexString(sequence);
    };
  }
}

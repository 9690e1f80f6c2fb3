package org.vigil.raid.md;

/**
 * A {@code Rebuild|Resync|Reshape|Check Status : NN% complete} line.
 *
 * @param activity which status line
 * @param percent the integer percent mdadm prints
 */
public record MdDetailProgress(Activity activity, int percent) {

  public enum Activity {
    REBUILD("Rebuild"),
    RESYNC("Resync"),
    RESHAPE("Reshape"),
    CHECK("Check");

    private final String word;

    Activity(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}

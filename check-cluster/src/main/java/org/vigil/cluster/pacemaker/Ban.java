package org.vigil.cluster.pacemaker;

/** A {@code bans/ban}: a negative location constraint, e.g. {@code cli-ban-…} left by crm_resource. */
public record Ban(
    String id, String resource, String node, int weight, boolean promotedOnly, int line) {

  /** True for constraints crm_resource --ban/--move leave behind. */
  public boolean leftByCrmResource() {
    return id.startsWith("cli-ban-") || id.startsWith("cli-prefer-");
  }
}

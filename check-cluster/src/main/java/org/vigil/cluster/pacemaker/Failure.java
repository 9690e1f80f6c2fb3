package org.vigil.cluster.pacemaker;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed action ({@code failures/failure}, failure-2.8.rng).
 *
 * @param opKey {@code op_key} (or {@code id}), e.g. {@code rsc_monitor_5000}
 * @param exitStatus {@code exitstatus}, e.g. error, not running
 * @param exitReason {@code exitreason}; crm_mon prints {@code none} when there is none
 * @param status {@code status}, the execution status, e.g. complete, Timed Out
 * @param task the operation, e.g. monitor (optional group in the schema)
 * @param intervalMs the operation interval in ms (optional group in the schema)
 */
public record Failure(
    String opKey, String node, String exitStatus, String exitReason, int exitCode, int call,
    String status, Optional<String> task, OptionalLong intervalMs, int line) {

  /** Pacemaker's operation key: RESOURCE_TASK_INTERVALMS (migrate_to/migrate_from hold a '_'). */
  private static final Pattern OP_KEY =
      Pattern.compile("(.+)_(migrate_to|migrate_from|[^_]+)_([0-9]{1,18})");

  /** The resource the action belongs to: the op key without its task and interval. */
  public String resource() {
    if (task.isPresent() && intervalMs.isPresent()) {
      String suffix = "_" + task.get() + "_" + intervalMs.getAsLong();
      if (opKey.endsWith(suffix) && opKey.length() > suffix.length()) {
        return opKey.substring(0, opKey.length() - suffix.length());
      }
    }
    Matcher m = OP_KEY.matcher(opKey);
    return m.matches() ? m.group(1) : opKey;
  }

  /** The operation: {@code task}, or else the task part of the op key. */
  public String operation() {
    if (task.isPresent()) {
      return task.get();
    }
    Matcher m = OP_KEY.matcher(opKey);
    return m.matches() ? m.group(2) : opKey;
  }

  /** The interval in ms: {@code interval}, or else the interval part of the op key. */
  public long interval() {
    if (intervalMs.isPresent()) {
      return intervalMs.getAsLong();
    }
    Matcher m = OP_KEY.matcher(opKey);
    return m.matches() ? Long.parseLong(m.group(3)) : 0;
  }
}

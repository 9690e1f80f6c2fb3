package org.vigil.drbd.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;
import org.vigil.core.ParseException;
import org.vigil.drbd.model.ConnectionState;
import org.vigil.drbd.model.DiskState;
import org.vigil.drbd.model.DrbdStatus;
import org.vigil.drbd.model.ProcConnectionState;
import org.vigil.drbd.model.ReplicationState;
import org.vigil.drbd.model.Role;
import org.vigil.drbd.parse.ProcDrbdParser;
import org.vigil.drbd.parse.StatusJsonParser;
import org.vigil.drbd.policy.DrbdPolicy;
import org.vigil.drbd.policy.DrbdPolicyOptions;
import org.vigil.fixtures.AdversarialFixtureTest;

/** The adversarial matrix over every DRBD fixture (/proc/drbd and drbdsetup JSON). */
class AdversarialInputTest extends AdversarialFixtureTest {
  // A /proc/drbd counter ("ns:123") or a JSON number member ("read": 123).
  private static final Pattern NUMBERS =
      Pattern.compile("(?<=\\s)(?:[a-z]{2,3}:)(\\d+)(?=\\s|$)|(?<=\": )(\\d+)(?=,|\\s)",
          Pattern.MULTILINE);

  @Override
  protected String area() {
    return "drbd";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    DrbdStatus status = isJson(fixture)
        ? new StatusJsonParser().parse(text, source)
        : new ProcDrbdParser().parse(text, source);
    return DrbdPolicy.evaluate(status, DrbdPolicyOptions.defaults());
  }

  @Override
  protected Collection<String> stateWords() {
    return words(ConnectionState.VOCABULARY, ProcConnectionState.VOCABULARY,
        ReplicationState.VOCABULARY, DiskState.VOCABULARY, Role.VOCABULARY);
  }

  @Override
  protected Pattern numbers() {
    return NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    PluginHarness.Run run = PluginHarness.run(isJson(fixture) ? "--status-json" : "--proc-drbd",
        file.toString(), "--drbdsetup", "/nonexistent/drbdsetup");
    return new PluginRun(run.exitCode(), run.stdout());
  }

  @Override
  protected Pattern statusLine() {
    return PluginHarness.STATUS_LINE;
  }

  private static boolean isJson(Path fixture) {
    return fixture.toString().endsWith(".json");
  }
}

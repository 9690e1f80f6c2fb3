package org.vigil.cluster.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;
import org.vigil.cluster.heartbeat.ClStatusParser;
import org.vigil.cluster.heartbeat.HbDaemonStatus;
import org.vigil.cluster.heartbeat.HbNodeStatus;
import org.vigil.cluster.heartbeat.ResourceStatus;
import org.vigil.cluster.policy.HeartbeatPolicy;
import org.vigil.core.ParseException;
import org.vigil.fixtures.AdversarialFixtureTest;

/** The adversarial matrix over every Heartbeat cl_status report fixture. */
class HeartbeatAdversarialTest extends AdversarialFixtureTest {
  // cl_status prints no numbers: this pattern never matches.
  private static final Pattern NO_NUMBERS = Pattern.compile("(?!)(\\d)");

  @Override
  protected String area() {
    return "heartbeat";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    return HeartbeatPolicy.evaluate(ClStatusParser.parseReport(text, source));
  }

  @Override
  protected Collection<String> stateWords() {
    return words(HbDaemonStatus.VOCABULARY, HbNodeStatus.VOCABULARY, ResourceStatus.VOCABULARY);
  }

  @Override
  protected Pattern numbers() {
    return NO_NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    return ClusterHarness.run("--heartbeat", file.toString());
  }

  @Override
  protected Pattern statusLine() {
    return ClusterHarness.STATUS_LINE;
  }
}

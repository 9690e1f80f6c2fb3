package org.vigil.cluster.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;
import org.vigil.cluster.pacemaker.CrmMonXmlParser;
import org.vigil.cluster.pacemaker.FenceStatus;
import org.vigil.cluster.pacemaker.NodeType;
import org.vigil.cluster.pacemaker.Role;
import org.vigil.cluster.policy.PacemakerPolicy;
import org.vigil.cluster.policy.PacemakerPolicyOptions;
import org.vigil.core.ParseException;
import org.vigil.fixtures.AdversarialFixtureTest;

/** The adversarial matrix over every crm_mon XML fixture. */
class ClusterAdversarialTest extends AdversarialFixtureTest {
  // Attribute values that are counts: nodes_running_on, resources_running, number, ids.
  private static final Pattern NUMBERS = Pattern.compile(
      "(?:nodes_running_on|resources_running|number|migration-threshold|fail-count)"
          + "=\"(\\d+)\"");

  @Override
  protected String area() {
    return "cluster";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    return PacemakerPolicy.evaluate(CrmMonXmlParser.parse(text, source),
        PacemakerPolicyOptions.defaults());
  }

  @Override
  protected Collection<String> stateWords() {
    return words(Role.VOCABULARY, NodeType.VOCABULARY, FenceStatus.VOCABULARY);
  }

  /** Role, node type and fence status attributes; agent names and ids reuse these words. */
  @Override
  protected Pattern wordPattern(String word) {
    String w = Pattern.quote(word);
    return Pattern.compile("\\b(?:role|target_role)=\"(" + w + ")\""
        + "|<node\\b[^>]*?\\btype=\"(" + w + ")\""
        + "|<fence_event\\b[^>]*?\\bstatus=\"(" + w + ")\"");
  }

  @Override
  protected Pattern numbers() {
    return NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    return ClusterHarness.run("--crm-mon-xml", file.toString());
  }

  @Override
  protected Pattern statusLine() {
    return ClusterHarness.STATUS_LINE;
  }
}

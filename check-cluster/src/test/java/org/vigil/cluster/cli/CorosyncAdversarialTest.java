package org.vigil.cluster.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.cluster.corosync.CfgtoolParser;
import org.vigil.cluster.corosync.LinkTransport;
import org.vigil.cluster.corosync.PeerLinkState;
import org.vigil.cluster.corosync.QdeviceFlag;
import org.vigil.cluster.corosync.QuorumFlag;
import org.vigil.cluster.corosync.QuorumProvider;
import org.vigil.cluster.corosync.Quorate;
import org.vigil.cluster.corosync.QuorumtoolParser;
import org.vigil.cluster.corosync.Transport;
import org.vigil.cluster.policy.CorosyncPolicy;
import org.vigil.core.ParseException;
import org.vigil.fixtures.AdversarialFixtureTest;

/** The adversarial matrix over every corosync-quorumtool and corosync-cfgtool fixture. */
class CorosyncAdversarialTest extends AdversarialFixtureTest {
  // Every number standing on its own (votes, node ids, link numbers).
  private static final Pattern NUMBERS = Pattern.compile("(?<![\\w-])([0-9]+)(?![\\w-])");

  @Override
  protected String area() {
    return "corosync";
  }

  @Override
  protected Object parseAndEvaluate(Path fixture, String text, String source)
      throws ParseException {
    if (fixture.toString().endsWith(".cfgtool")) {
      return CorosyncPolicy.evaluate(Optional.empty(),
          Optional.of(CfgtoolParser.parse(text, source)));
    }
    return CorosyncPolicy.evaluate(Optional.of(QuorumtoolParser.parse(text, source)),
        Optional.empty());
  }

  @Override
  protected Collection<String> stateWords() {
    return words(QuorumFlag.VOCABULARY, Quorate.VOCABULARY, QuorumProvider.VOCABULARY,
        QdeviceFlag.VOCABULARY, Transport.VOCABULARY, LinkTransport.VOCABULARY,
        PeerLinkState.VOCABULARY);
  }

  @Override
  protected Pattern numbers() {
    return NUMBERS;
  }

  @Override
  protected PluginRun runPlugin(Path fixture, Path file) {
    return ClusterHarness.run(fixture.toString().endsWith(".cfgtool") ? "--cfgtool"
        : "--quorumtool", file.toString());
  }

  @Override
  protected Pattern statusLine() {
    return ClusterHarness.STATUS_LINE;
  }
}

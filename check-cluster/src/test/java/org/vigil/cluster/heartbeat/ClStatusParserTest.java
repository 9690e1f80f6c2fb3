package org.vigil.cluster.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.fixtures.ParseErrors.assertParseError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.fixtures.Fixtures;

class ClStatusParserTest {
  static String fixture(String file) {
    return new String(Fixtures.bytes("heartbeat", file), StandardCharsets.UTF_8);
  }

  @Test
  void per_command_outputs() throws Exception {
    assertThat(ClStatusParser.parseHbstatus("Heartbeat is running on this machine.\n", "hb"))
        .isEqualTo(HbDaemonStatus.RUNNING);
    assertThat(ClStatusParser.parseHbstatus("Heartbeat is stopped on this machine.\n", "hb"))
        .isEqualTo(HbDaemonStatus.STOPPED);
    assertThat(ClStatusParser.parseListnodes("node1\nnode2\n10.0.0.254\n", "ls"))
        .containsExactly("node1", "node2", "10.0.0.254");
    for (HbNodeStatus s : HbNodeStatus.values()) {
      assertThat(ClStatusParser.parseNodestatus(s.token() + "\n", "ns")).isEqualTo(s);
    }
    for (ResourceStatus s : ResourceStatus.values()) {
      assertThat(ClStatusParser.parseRscstatus(s.token() + "\n", "rs")).isEqualTo(s);
    }
    assertThat(ClStatusParser.parseUname("node1\n", "un")).isEqualTo("node1");
  }

  @Test
  void report_with_ping_node_and_local_name() throws Exception {
    HeartbeatStatus s =
        ClStatusParser.parseReport(fixture("ping-node-foreign-ok.cl_status"), "report");
    assertThat(s).isEqualTo(new HeartbeatStatus(HbDaemonStatus.RUNNING, Optional.of("node2"),
        List.of(new HeartbeatNode("node1", HbNodeStatus.ACTIVE),
            new HeartbeatNode("node2", HbNodeStatus.ACTIVE),
            new HeartbeatNode("192.168.1.254", HbNodeStatus.PING)),
        Optional.of(ResourceStatus.FOREIGN)));
  }

  @Test
  void stopped_reports_with_and_without_empty_sections() throws Exception {
    for (String f : List.of("heartbeat-stopped.cl_status",
        "heartbeat-stopped-hbstatus-only.cl_status")) {
      HeartbeatStatus s = ClStatusParser.parseReport(fixture(f), "report");
      assertThat(s.running()).isFalse();
      assertThat(s.nodes()).isEmpty();
      assertThat(s.resources()).isEmpty();
    }
  }

  static final String RUN = "# cl_status hbstatus\nHeartbeat is running on this machine.\n";
  static final String OK = RUN + "# cl_status listnodes\nnode1\nnode2\n"
      + "# cl_status nodestatus node1\nactive\n# cl_status nodestatus node2\nactive\n"
      + "# cl_status rscstatus\nlocal\n";

  static Stream<Arguments> reportFailures() {
    return Stream.of(
        Arguments.of("", 0, "empty input", null),
        Arguments.of(OK.substring(0, OK.length() - 1), 11, "no newline", null),
        Arguments.of("Heartbeat is running on this machine.\n", 1,
            "expected '# cl_status hbstatus'", null),
        Arguments.of(OK.replace("running", "sleeping"), 2, "unknown cl_status hbstatus line",
            "Heartbeat is sleeping on this machine."),
        Arguments.of(OK.replace("# cl_status rscstatus", "# cl_status clientstatus"), 10,
            "unknown section", "# cl_status clientstatus"),
        Arguments.of(OK.replace("node2\n# cl_status nodestatus node1",
            "node2\nnode2\n# cl_status nodestatus node1"), 6, "node listed twice", "node2"),
        Arguments.of(OK.replace("node2\n#", "node 2\n#"), 5, "not a node name", "node 2"),
        Arguments.of(OK.replace("active\n# cl_status nodestatus node2", "zombie\n"
            + "# cl_status nodestatus node2"), 7, "unknown heartbeat node status", "zombie"),
        Arguments.of(OK.replace("local\n", "local\nall\n"), 12, "unexpected further line", "all"),
        Arguments.of(OK + "# cl_status nodestatus node3\nactive\n", 12,
            "did not list", null),
        Arguments.of(OK + "# cl_status rscstatus\nall\n", 12, "section repeated", null),
        Arguments.of(OK.replace("# cl_status listnodes\nnode1\nnode2\n", "# cl_status listnodes\n"),
            3, "no output from the command", null),
        Arguments.of(RUN.replace("running", "stopped") + "# cl_status listnodes\nnode1\n", 4,
            "heartbeat is stopped", "node1"),
        Arguments.of(RUN + "# uname -n\nnode9\n" + OK.substring(RUN.length()), 4,
            "local node not in cl_status listnodes", "node9"),
        Arguments.of(OK.replace("local\n", "\n"), 11, "empty", ""));
  }

  @ParameterizedTest
  @MethodSource("reportFailures")
  void report_refuses(String text, int line, String reason, String token) {
    assertParseError(() -> ClStatusParser.parseReport(text, "report"), "report", line, reason,
        token);
  }

  @Test
  void per_command_refusals() {
    assertParseError(() -> ClStatusParser.parseNodestatus("down\n", "ns"), "ns", 1,
        "unknown heartbeat node status", "down");
    assertParseError(() -> ClStatusParser.parseRscstatus("This node is holding none resources.\n",
        "rs"), "rs", 1, "unknown heartbeat resource status", null);
    assertParseError(() -> ClStatusParser.parseListnodes("The nodes are as follow:\nnode1\n", "ls"),
        "ls", 1, "not a node name", "The nodes are as follow:");
    assertParseError(() -> ClStatusParser.parseHbstatus("", "hb"), "hb", 0, "empty input", null);
    assertParseError(() -> ClStatusParser.parseNodestatus("active", "ns"), "ns", 1, "no newline",
        "active");
  }
}

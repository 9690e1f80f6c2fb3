package org.vigil.cluster.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.core.ParseException;
import org.vigil.fixtures.Fixtures;

class CibClusterNameTest {

  @ParameterizedTest
  @CsvSource({
      "healthy-2node.cib.xml, vigil",
      "hace-cibadmin-Q.cib.xml, hana_cluster",
      "sched-bundle-order-fencing.cib.xml, tripleo_cluster",
      // Pacemaker's default: no cluster-name property at all.
      "sched-failcount-block.cib.xml, ''",
  })
  void readsTheClusterNameOfRealCibs(String file, String expected) throws Exception {
    String text = new String(Fixtures.bytes("cib", file), StandardCharsets.UTF_8);
    assertThat(CibClusterName.parse(text, file).orElse("")).isEqualTo(expected);
  }

  @Test
  void anEmptyValueIsNoName() throws Exception {
    assertThat(CibClusterName.parse(cib(nvpair("cluster-name", "")), "t")).isEmpty();
  }

  @Test
  void aClusterNameOutsideCrmConfigIsNotTheClusterName() throws Exception {
    String text = "<cib><configuration><crm_config/><rsc_defaults><meta_attributes id=\"m\">"
        + nvpair("cluster-name", "nope") + "</meta_attributes></rsc_defaults></configuration>"
        + "</cib>";
    assertThat(CibClusterName.parse(text, "t")).isEmpty();
  }

  @Test
  void twoSetsThatAgreeAreOneName() throws Exception {
    String text = "<cib><configuration><crm_config>"
        + "<cluster_property_set id=\"a\">" + nvpair("cluster-name", "x") + "</cluster_property_set>"
        + "<cluster_property_set id=\"b\">" + nvpair("cluster-name", "x") + "</cluster_property_set>"
        + "</crm_config></configuration></cib>";
    assertThat(CibClusterName.parse(text, "t")).isEqualTo(Optional.of("x"));
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    String disagree = "<cib><configuration><crm_config>\n"
        + "<cluster_property_set id=\"a\">" + nvpair("cluster-name", "x") + "</cluster_property_set>\n"
        + "<cluster_property_set id=\"b\">" + nvpair("cluster-name", "y") + "</cluster_property_set>\n"
        + "</crm_config></configuration></cib>";
    assertThatThrownBy(() -> CibClusterName.parse(disagree, "cib.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cib.xml line 3")
        .hasMessageContaining("different values").hasMessageContaining("'y'");
    assertThatThrownBy(() -> CibClusterName.parse(
        cib("<nvpair id=\"n\" name=\"cluster-name\"/>"), "cib.xml"))
        .isInstanceOf(ParseException.class).hasMessageContaining("without a value");
    assertThatThrownBy(() -> CibClusterName.parse("<crm_mon/>", "cib.xml"))
        .isInstanceOf(ParseException.class).hasMessageContaining("root element must be <cib>")
        .hasMessageContaining("'<crm_mon>'");
    assertThatThrownBy(() -> CibClusterName.parse("<cib><configuration>", "cib.xml"))
        .isInstanceOf(ParseException.class).hasMessageContaining("malformed XML");
    assertThatThrownBy(() -> CibClusterName.parse("", "cib.xml"))
        .isInstanceOf(ParseException.class).hasMessageContaining("empty input");
    assertThatThrownBy(() -> CibClusterName.parse(
        "<!DOCTYPE cib [<!ENTITY x \"y\">]><cib/>", "cib.xml"))
        .isInstanceOf(ParseException.class).hasMessageContaining("DOCTYPE");
  }

  private static String cib(String nvpairs) {
    return "<cib><configuration><crm_config><cluster_property_set id=\"o\">" + nvpairs
        + "</cluster_property_set></crm_config></configuration></cib>";
  }

  private static String nvpair(String name, String value) {
    return "<nvpair id=\"" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
  }
}

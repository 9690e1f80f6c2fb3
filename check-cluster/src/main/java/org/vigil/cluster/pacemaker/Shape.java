package org.vigil.cluster.pacemaker;

/** Which of the two crm_mon XML documents was read. */
public enum Shape {
  /** {@code <crm_mon version="…">} from {@code crm_mon --as-xml} (1.1 – 3.0, deprecated). */
  LEGACY,
  /** {@code <pacemaker-result api-version="…">} from {@code crm_mon --output-as=xml} (2.0.3+). */
  RESULT
}

package org.vigil.cluster.pacemaker;

import java.util.List;
import java.util.Optional;

/**
 * One crm_mon XML document.
 *
 * @param shape legacy {@code crm_mon} or {@code pacemaker-result}
 * @param version {@code crm_mon@version} or {@code pacemaker-result@api-version}
 * @param status the {@code status} element (always present for {@link Shape#RESULT})
 * @param pacemakerdState {@code pacemakerd@state} when crm_mon printed pacemakerd health
 * @param summary absent when crm_mon omitted it (e.g. {@code --exclude=summary}) or disconnected
 * @param fenceHistory absent when crm_mon printed no fence history section
 */
public record CrmMon(
    Shape shape, String version, Optional<ResultStatus> status, Optional<String> pacemakerdState,
    Optional<Summary> summary, List<Node> nodes, List<Resource> resources, List<Failure> failures,
    List<ResourceHistory> history, Optional<List<FenceEvent>> fenceHistory, List<Ticket> tickets,
    List<Ban> bans) {

  public CrmMon {
    nodes = List.copyOf(nodes);
    resources = List.copyOf(resources);
    failures = List.copyOf(failures);
    history = List.copyOf(history);
    if (fenceHistory.isPresent()) {
      fenceHistory = Optional.of(List.copyOf(fenceHistory.get()));
    }
    tickets = List.copyOf(tickets);
    bans = List.copyOf(bans);
  }
}

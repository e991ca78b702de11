package dev.riskline;

import dev.riskline.finding.Finding;
import dev.riskline.schedule.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finding after the pipeline, with what Riskline decided about it. The decisions print as the
 * {@code Riskline} object beside the ASFF fields (ARCHITECTURE.md); fields of stages not built yet are
 * absent.
 *
 * @param finding the finding as imported, after the actions of the automation rules that matched
 * @param rules the names of the rules that matched, in the order they ran
 * @param state where the work on the finding stands
 */
public record TriageResult(Finding finding, List<String> rules, State state) {
  public TriageResult {
    Objects.requireNonNull(finding, "finding");
    rules = List.copyOf(rules);
    Objects.requireNonNull(state, "state");
  }

  /** The {@code Riskline} object, in the field order of ARCHITECTURE.md. */
  public Map<String, Object> riskline() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Rules", rules);
    m.put("State", state.name());
    return m;
  }
}

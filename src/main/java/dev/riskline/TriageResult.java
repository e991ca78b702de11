package dev.riskline;

import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.route.Change;
import dev.riskline.route.WriteBack;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finding after the pipeline, with what Riskline decided about it. The decisions print as the
 * {@code Riskline} object beside the ASFF fields (ARCHITECTURE.md). Immutable.
 *
 * @param finding the finding as imported, after the actions of the automation rules that matched
 * @param rules the names of the rules that matched, in the order they ran
 * @param risk its rating and the reasons
 * @param schedule its due date and state
 * @param change what changed since the previous decision (NEW without one), or null for nothing
 * @param routes the names of the routes the change goes to, in configuration order
 * @param playbook the id of the playbook for the finding, or null
 */
public record TriageResult(Finding finding, List<String> rules, Assessment risk, Scheduled schedule, Change change,
    List<String> routes, String playbook) {
  public TriageResult {
    Objects.requireNonNull(finding, "finding");
    rules = List.copyOf(rules);
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(schedule, "schedule");
    routes = List.copyOf(routes);
  }

  /** A result not compared with a previous decision and not routed. */
  public TriageResult(Finding finding, List<String> rules, Assessment risk, Scheduled schedule) {
    this(finding, rules, risk, schedule, null, List.of(), null);
  }

  public State state() {
    return schedule.state();
  }

  /** The {@code Riskline} object, in the field order of ARCHITECTURE.md. */
  public Map<String, Object> riskline() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Rules", rules);
    m.put("Risk", risk.json());
    if (schedule.due() != null) m.put("Due", schedule.due().toString());
    m.put("State", schedule.state().name());
    if (schedule.acceptance() != null) m.put("Acceptance", schedule.acceptance());
    if (schedule.slaMet() != null) m.put("SlaMet", schedule.slaMet());
    if (change != null) m.put("Change", change.name());
    if (playbook != null) m.put("Playbook", playbook);
    if (!routes.isEmpty()) m.put("Routes", routes);
    Map<String, Object> writeBack = WriteBack.of(finding, risk, schedule, change, routes, List.of());
    if (writeBack != null) m.put("WriteBack", writeBack);
    return m;
  }
}

package dev.riskline.store;

import dev.riskline.finding.Asff;
import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which stored findings {@link Store#forEach} visits. Each set narrows the result to findings whose value
 * is one of its members (an empty set does not filter); the filters combine with AND. Severity is the
 * label (derived from {@code Normalized} when the finding has no label), account the
 * {@code AwsAccountId}, product the {@code ProductName}, control id the security control ({@code Config.1}).
 * {@code text} keeps findings whose title, id or first resource id contains it, ignoring case (null or
 * blank: no filter). {@code limit} caps the count, 0 for all.
 *
 * <p>Severities, workflow statuses, record states and compliance statuses are checked against the ASFF
 * values (exact, upper case). Start from {@link #all()} and narrow with the {@code with...} copies.
 * Immutable and thread-safe.
 */
public record FindingQuery(Set<String> severities, Set<String> workflowStatuses, Set<String> recordStates,
    Set<String> complianceStatuses, Set<String> accounts, Set<String> products, Set<String> controlIds,
    String text, int limit, boolean byDue) {

  public FindingQuery {
    severities = checked("severities", severities, Asff.names(SeverityLabel.class));
    workflowStatuses = checked("workflowStatuses", workflowStatuses, Asff.names(WorkflowStatus.class));
    recordStates = checked("recordStates", recordStates, Asff.names(RecordState.class));
    complianceStatuses = checked("complianceStatuses", complianceStatuses, Asff.names(ComplianceStatus.class));
    accounts = copy(accounts);
    products = copy(products);
    controlIds = copy(controlIds);
    text = text == null || text.isBlank() ? null : text;
    if (limit < 0) {
      throw new IllegalArgumentException("Expected a limit of 0 (no limit) or more but was " + limit
          + " in FindingQuery.limit");
    }
  }

  /** Every stored finding. */
  /** In work-list order by due date: earliest first, findings without one last, the higher rating first on a tie. */
  public FindingQuery orderedByDue() {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, accounts, products,
        controlIds, text, limit, true);
  }

  public static FindingQuery all() {
    return new FindingQuery(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null, 0, false);
  }

  public FindingQuery withSeverities(String... labels) {
    return new FindingQuery(set(labels), workflowStatuses, recordStates, complianceStatuses, accounts, products,
        controlIds, text, limit, byDue);
  }

  public FindingQuery withWorkflowStatuses(String... statuses) {
    return new FindingQuery(severities, set(statuses), recordStates, complianceStatuses, accounts, products,
        controlIds, text, limit, byDue);
  }

  public FindingQuery withRecordStates(String... states) {
    return new FindingQuery(severities, workflowStatuses, set(states), complianceStatuses, accounts, products,
        controlIds, text, limit, byDue);
  }

  public FindingQuery withComplianceStatuses(String... statuses) {
    return new FindingQuery(severities, workflowStatuses, recordStates, set(statuses), accounts, products,
        controlIds, text, limit, byDue);
  }

  public FindingQuery withAccounts(String... accountIds) {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, set(accountIds),
        products, controlIds, text, limit, byDue);
  }

  public FindingQuery withProducts(String... productNames) {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, accounts,
        set(productNames), controlIds, text, limit, byDue);
  }

  public FindingQuery withControlIds(String... ids) {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, accounts, products,
        set(ids), text, limit, byDue);
  }

  public FindingQuery withText(String substring) {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, accounts, products,
        controlIds, substring, limit, byDue);
  }

  public FindingQuery withLimit(int max) {
    return new FindingQuery(severities, workflowStatuses, recordStates, complianceStatuses, accounts, products,
        controlIds, text, max, byDue);
  }

  private static Set<String> set(String... values) {
    return Set.copyOf(Arrays.asList(values));
  }

  private static Set<String> copy(Set<String> values) {
    return values == null ? Set.of() : Set.copyOf(values);
  }

  private static Set<String> checked(String name, Set<String> values, List<String> valid) {
    Set<String> out = copy(values);
    for (String v : out.stream().sorted().toList()) {
      if (!valid.contains(v)) {
        throw new IllegalArgumentException("Expected one of " + valid + " but was " + v + " in FindingQuery." + name);
      }
    }
    return out;
  }
}

package dev.riskline.schedule;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.WorkflowStatus;
import dev.riskline.finding.Finding;

/**
 * Where the work on a finding stands. {@code RESOLVED}: the check passes ({@code Compliance.Status}
 * PASSED), the provider archived the finding ({@code RecordState} ARCHIVED, e.g. an Inspector finding
 * CLOSED) or someone resolved it ({@code Workflow.Status} RESOLVED). {@code SUPPRESSED}: {@code
 * Workflow.Status} SUPPRESSED. Otherwise {@code OPEN}. A suppressed finding that is fixed is RESOLVED. {@code DUE_SOON}, {@code OVERDUE} and
 * {@code ACCEPTED} come with due dates and risk acceptance.
 */
public enum State {
  OPEN, DUE_SOON, OVERDUE, RESOLVED, SUPPRESSED, ACCEPTED;

  /** The state a finding's own fields give it, before due dates and acceptances. */
  public static State of(Finding finding) {
    if (finding.recordState() == RecordState.ARCHIVED
        || finding.complianceStatus() == ComplianceStatus.PASSED
        || finding.workflowStatus() == WorkflowStatus.RESOLVED) {
      return RESOLVED;
    }
    return finding.workflowStatus() == WorkflowStatus.SUPPRESSED ? SUPPRESSED : OPEN;
  }
}

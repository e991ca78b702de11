package dev.riskline.route;

import dev.riskline.risk.Assessment;
import dev.riskline.risk.Matrix;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;

/**
 * What changed about a finding since its previous decision, the reason to tell anyone. A re-import that
 * changes neither the rating nor the state is no change: Security Hub resetting a workflow from NOTIFIED
 * to NEW must not open a second ticket.
 */
public enum Change {
  NEW, ESCALATED, DOWNGRADED, DUE_SOON, OVERDUE, RESOLVED, REOPENED, ACCEPTED, ACCEPTANCE_EXPIRED;

  /** The detail-type of the triage event: {@code Riskline Finding NEW}. */
  public String detailType() {
    return "Riskline Finding " + name();
  }

  /**
   * The change from {@code previous} (null: never decided before) to the new decision, or null for none.
   * In order: new; resolved; reopened; accepted; acceptance expired; rating up or down; overdue; due soon.
   */
  public static Change detect(Previous previous, Assessment risk, Scheduled now, Matrix matrix) {
    if (previous == null) return NEW;
    State was = previous.state();
    State is = now.state();
    if (is == State.RESOLVED) return was == State.RESOLVED ? null : RESOLVED;
    if (was == State.RESOLVED) return REOPENED;
    if (is == State.ACCEPTED) return was == State.ACCEPTED ? null : ACCEPTED;
    if (was == State.ACCEPTED) return ACCEPTANCE_EXPIRED;
    int before = matrix.rank(previous.rating());
    int after = matrix.rank(risk.rating());
    if (after > before) return ESCALATED;
    if (after < before && before >= 0) return DOWNGRADED;
    if (is == State.OVERDUE && was != State.OVERDUE) return OVERDUE;
    if (is == State.DUE_SOON && was != State.DUE_SOON && was != State.OVERDUE) return DUE_SOON;
    return null;
  }
}

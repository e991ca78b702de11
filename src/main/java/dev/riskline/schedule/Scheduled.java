package dev.riskline.schedule;

import dev.riskline.risk.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finding's place in the remediation schedule. Immutable.
 *
 * @param start when its clock started ({@code FirstObservedAt}, else {@code CreatedAt}; when it reopened
 *     if the clock restarts), or null
 * @param due when it must be fixed, or null (no rating, or a rating without a due date)
 * @param state where the work stands
 * @param resolvedAt when it was first seen resolved, or null
 * @param slaMet for a resolved finding with a due date: whether it was resolved by then; else null
 * @param acceptance the id of the risk acceptance that covers it while ACCEPTED, or null
 * @param reasons how the due date and state were reached
 */
public record Scheduled(Instant start, Instant due, State state, Instant resolvedAt, Boolean slaMet,
    String acceptance, List<Reason> reasons) {
  public Scheduled {
    Objects.requireNonNull(state, "state");
    reasons = List.copyOf(reasons);
  }
}

package dev.riskline.schedule;

import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Due dates and states. Due = start + the days of the rating; a finding with a CVE in CISA KEV is due no
 * later than start + {@code kevDays}; a later evaluation never pushes a due date out (a raised rating pulls
 * it in; a resolved finding without a due date now, such as a passed control, keeps its earlier one to be
 * judged by). State: RESOLVED (compliance PASSED, record ARCHIVED, workflow RESOLVED) before SUPPRESSED
 * (workflow SUPPRESSED) before ACCEPTED (an active risk acceptance covers it) before OVERDUE (past due),
 * DUE_SOON (within the window) and OPEN. Immutable, thread-safe and pure.
 */
public final class Schedule {
  private final Sla sla;

  public Schedule(Sla sla) {
    this.sla = Objects.requireNonNull(sla, "sla");
  }

  public Sla sla() {
    return sla;
  }

  /**
   * Schedules one finding.
   *
   * @param f the finding after its automation rules
   * @param risk its assessment
   * @param previous what the store held, or null for a finding seen for the first time
   * @param acceptances the risk acceptances in force
   * @param now the evaluation clock
   */
  public Scheduled decide(Finding f, Assessment risk, Previous previous, Acceptances acceptances, Instant now) {
    List<Reason> reasons = new ArrayList<>(3);
    State own = State.of(f);
    boolean reopened = previous != null && previous.state() == State.RESOLVED && own != State.RESOLVED;
    Instant start = start(f, previous, reopened, now, reasons);
    Instant due = due(risk, start, previous, reopened, own == State.RESOLVED, reasons);
    if (own == State.RESOLVED) {
      Instant resolvedAt = previous != null && previous.state() == State.RESOLVED && previous.resolvedAt() != null
          ? previous.resolvedAt() : resolvedAt(f, now);
      Boolean met = due == null ? null : !resolvedAt.isAfter(due);
      if (met != null) {
        reasons.add(new Reason("resolved", "resolved " + day(resolvedAt) + (met ? ", within" : ", after")
            + " its due date " + day(due)));
      }
      return new Scheduled(start, due, State.RESOLVED, resolvedAt, met, null, reasons);
    }
    if (own == State.SUPPRESSED) return new Scheduled(start, due, State.SUPPRESSED, null, null, null, reasons);
    Acceptance accepted = acceptances.covering(f, now).orElse(null);
    if (accepted != null) {
      reasons.add(new Reason("acceptance", "risk accepted by " + accepted.owner() + " until "
          + day(accepted.expiresAt()) + " (" + accepted.id() + "): " + accepted.reason()));
      return new Scheduled(start, due, State.ACCEPTED, null, null, accepted.id(), reasons);
    }
    State state = State.OPEN;
    if (due != null) {
      if (now.isAfter(due)) {
        state = State.OVERDUE;
      } else if (!now.isBefore(due.minus(Duration.ofDays(sla.dueSoonDays())))) {
        state = State.DUE_SOON;
      }
    }
    return new Scheduled(start, due, state, null, null, null, reasons);
  }

  private Instant start(Finding f, Previous previous, boolean reopened, Instant now, List<Reason> reasons) {
    if (previous != null && previous.start() != null) {
      if (!reopened) return previous.start();
      Instant at = f.updatedAt() != null ? f.updatedAt() : now;
      if (!sla.restartOnReopen()) {
        reasons.add(new Reason("reopened", "reopened " + day(at) + "; its clock keeps its start "
            + day(previous.start())));
        return previous.start();
      }
      reasons.add(new Reason("reopened", "reopened " + day(at) + "; its clock starts again"));
      return at;
    }
    if (f.firstObservedAt() != null) return f.firstObservedAt();
    if (f.createdAt() != null) return f.createdAt();
    return now;
  }

  /**
   * The due date. A resolved finding that has lost its due date (a passed control is INFORMATIONAL, so
   * unrated) keeps the one it had while open, to tell whether it was fixed in time.
   */
  private Instant due(Assessment risk, Instant start, Previous previous, boolean reopened, boolean resolved,
      List<Reason> reasons) {
    boolean keepsClock = previous != null && !(reopened && sla.restartOnReopen());
    Instant earlier = keepsClock ? previous.due() : null;
    if (!risk.rated()) return resolved && earlier != null ? stands(earlier, reasons) : null;
    Integer days = sla.daysFor(risk.rating());
    Instant due = days == null ? null : start.plus(Duration.ofDays(days));
    String how = days == null ? null : risk.rating() + ": " + days + " days from " + day(start);
    if (risk.kev() != null) {
      Instant cap = start.plus(Duration.ofDays(sla.kevDays()));
      if (due == null || cap.isBefore(due)) {
        due = cap;
        how = risk.kev().cveId() + " is in CISA KEV: at most " + sla.kevDays() + " days from " + day(start);
      }
    }
    if (due == null) {
      reasons.add(new Reason("schedule", risk.rating() + " has no due date"));
      return resolved && earlier != null ? stands(earlier, reasons) : null;
    }
    reasons.add(new Reason("schedule", how + " → due " + day(due)));
    if (earlier != null) {
      if (earlier.isBefore(due)) return stands(earlier, reasons);
      if (due.isBefore(earlier)) {
        reasons.add(new Reason("schedule", "rating " + previous.rating() + " → " + risk.rating()
            + ": due date pulled in from " + day(earlier)));
      }
    }
    return due;
  }

  private static Instant stands(Instant earlier, List<Reason> reasons) {
    reasons.add(new Reason("schedule", "the earlier due date " + day(earlier)
        + " stands: a due date is never pushed out"));
    return earlier;
  }

  private static Instant resolvedAt(Finding f, Instant now) {
    Instant at = f.updatedAt();
    return at == null || at.isAfter(now) ? now : at;
  }

  static LocalDate day(Instant i) {
    return i.atZone(ZoneOffset.UTC).toLocalDate();
  }
}

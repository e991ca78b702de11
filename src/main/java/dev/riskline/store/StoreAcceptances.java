package dev.riskline.store;

import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import dev.riskline.schedule.Acceptances;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The risk acceptances of a {@link Store} ({@link #accept}, {@link #revoke}, {@link #list}) and who did what
 * to them ({@link #history}); acceptances are never deleted. Get it from {@link Store#acceptances}.
 *
 * <p>Thread-safety: as the store's own methods; every call takes its turn on the store's one connection
 * (it holds the store's lock), so it never interleaves with another call on the store or on any of its
 * parts. It must not be called from the action of {@link Store#forEach}.
 */
public final class StoreAcceptances {
  private final Store store;

  StoreAcceptances(Store store) {
    this.store = store;
  }

  /**
   * Accepts a risk: stores the acceptance the policy makes of this request at {@code now}, with a new
   * short id ({@code acc-} and 8 hex digits), and a CREATED event (actor: the owner), in one transaction.
   * The policy checks the times as given; they are stored, and returned, to the microsecond.
   *
   * @throws dev.riskline.finding.RisklineException bad input when the expiry breaks the policy
   * @throws StoreException when a statement fails; then nothing was stored
   */
  public Acceptance accept(AcceptanceRequest request, AcceptancePolicy policy, Instant now) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    return store.transaction("store an acceptance in", c -> AcceptanceRows.insert(c, request, policy, now));
  }

  /**
   * Revokes an active acceptance at {@code now} and records a REVOKED event, in one transaction.
   *
   * @throws dev.riskline.finding.RisklineException bad input for an unknown id, an acceptance already
   *     revoked or expired, or a blank revoker or reason
   */
  public Acceptance revoke(String id, String by, String reason, Instant now) {
    Objects.requireNonNull(id, "id");
    Instant at = Rows.micros(Objects.requireNonNull(now, "now"));
    return store.transaction("revoke acceptance " + id + " in", c -> AcceptanceRows.revoke(c, id, by, reason, at));
  }

  /** The acceptance with this id, or empty. */
  public Optional<Acceptance> find(String id) {
    return store.read("read acceptance " + id + " from", c -> AcceptanceRows.find(c, id, false));
  }

  /**
   * The acceptances active at {@code now} ({@link Acceptance#activeAt}), or with {@code includeInactive}
   * every one ever made (expired, revoked, not yet in force); soonest expiry first.
   */
  public List<Acceptance> list(boolean includeInactive, Instant now) {
    Objects.requireNonNull(now, "now");
    return store.read("read the acceptances of", c -> AcceptanceRows.list(c, includeInactive, now));
  }

  /** The acceptances active at {@code now}, ready to tell which covers a finding. */
  public Acceptances active(Instant now) {
    return Acceptances.of(list(false, now));
  }

  /** What was done to this acceptance, oldest first; empty for an unknown id. */
  public List<AcceptanceEvent> history(String id) {
    return store.read("read the history of acceptance " + id + " from", c -> AcceptanceRows.history(c, id));
  }

  @Override
  public String toString() {
    return "StoreAcceptances[" + store + "]";
  }
}

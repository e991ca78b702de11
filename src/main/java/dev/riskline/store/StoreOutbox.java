package dev.riskline.store;

import dev.riskline.route.Delivery;
import dev.riskline.route.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of a {@link Store}: deliveries enqueued with a finding's new state ({@link Store.Triaged#deliveries})
 * or on their own ({@link #enqueue}), claimed for a lease by dispatchers ({@link #claimDue}, a digest group
 * whole), recorded ({@link #markSent}, {@link #markRetry}, {@link #markDead}, {@link #postpone}), counted for
 * rate limits ({@link #sentSince}), listed, retried and purged. Get it from {@link Store#outbox}.
 *
 * <p>Thread-safety: as the store's own methods; every call takes its turn on the store's one connection
 * (it holds the store's lock), so it never interleaves with another call on the store or on any of its
 * parts. It must not be called from the action of {@link Store#forEach}.
 */
public final class StoreOutbox implements Outbox {
  private final Store store;
  private final Dialect dialect;

  StoreOutbox(Store store, Dialect dialect) {
    this.store = store;
    this.dialect = dialect;
  }

  /**
   * Puts deliveries in the outbox as PENDING, due at their {@code nextAttemptAt}, in one transaction; one
   * whose idempotency key is already there (sent, pending or dead) is skipped, so enqueueing again adds
   * nothing. To enqueue with a finding's new state, return them in {@link Store.Triaged#deliveries} instead.
   *
   * @return how many were new
   */
  public int enqueue(List<Delivery> deliveries) {
    List<Delivery> all = List.copyOf(deliveries);
    return store.transaction("enqueue " + all.size() + " deliveries in", c -> OutboxRows.enqueue(c, dialect, all));
  }

  /**
   * Claims up to {@code max} due deliveries (PENDING, {@code nextAttemptAt} at or before {@code now}, not
   * claimed by a lease still running) until {@code now + lease}, oldest due first, in one transaction; a due
   * digest group comes whole, counted once towards {@code max}. No delivery goes to two claimers whose
   * leases overlap: on PostgreSQL a row being claimed by another process is skipped ({@code FOR UPDATE SKIP
   * LOCKED}; a group is claimed through its first member). A claimer that stops before recording the outcome
   * leaves the delivery to be claimed again when the lease is over: it is sent once more, never lost.
   */
  @Override
  public List<Delivery> claimDue(Instant now, int max, Duration lease) {
    Objects.requireNonNull(now, "now");
    if (max < 1) throw new IllegalArgumentException("Expected max of at least 1 but was " + max);
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
    return store.transaction("claim deliveries in", c -> OutboxRows.claim(c, now, max, lease));
  }

  /** Records a delivery as SENT at {@code now}, with the target's answer; false for an unknown id. */
  public boolean markSent(long id, Instant now, String detail) {
    return markSent(List.of(id), now, detail) == 1;
  }

  /** Records deliveries (a digest's members) as SENT at {@code now} in one transaction; how many. */
  @Override
  public int markSent(List<Long> ids, Instant now, String detail) {
    Objects.requireNonNull(now, "now");
    List<Long> all = List.copyOf(ids);
    return store.transaction("record " + all.size() + " deliveries as sent in",
        c -> OutboxRows.sent(c, all, now, detail));
  }

  /** Records a failed attempt of a PENDING delivery, due again at {@code nextAttemptAt}; false if not PENDING. */
  public boolean markRetry(long id, Instant nextAttemptAt, String error) {
    return markRetry(List.of(id), nextAttemptAt, error) == 1;
  }

  /** As {@link #markRetry(long, Instant, String)} for deliveries sent as one, in one transaction; how many. */
  @Override
  public int markRetry(List<Long> ids, Instant nextAttemptAt, String error) {
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    List<Long> all = List.copyOf(ids);
    return store.transaction("record a retry of " + all.size() + " deliveries in",
        c -> OutboxRows.retry(c, all, nextAttemptAt, error));
  }

  /** Records the last attempt of a PENDING delivery as failed for good: DEAD with its error; false if not PENDING. */
  public boolean markDead(long id, String error) {
    return markDead(List.of(id), error) == 1;
  }

  /** As {@link #markDead(long, String)} for deliveries sent as one, in one transaction; how many. */
  @Override
  public int markDead(List<Long> ids, String error) {
    List<Long> all = List.copyOf(ids);
    return store.transaction("record " + all.size() + " deliveries as dead in", c -> OutboxRows.dead(c, all, error));
  }

  /** Holds PENDING deliveries back until {@code until}, their attempts unchanged and their claim ended; how many. */
  @Override
  public int postpone(List<Long> ids, Instant until) {
    Objects.requireNonNull(until, "until");
    List<Long> all = List.copyOf(ids);
    return store.transaction("postpone " + all.size() + " deliveries in", c -> OutboxRows.postpone(c, all, until));
  }

  /**
   * When the latest messages of {@code route} to {@code target} were sent after {@code since}: at most
   * {@code max}, newest first, a digest counted once.
   */
  @Override
  public List<Instant> sentSince(String route, String target, Instant since, int max) {
    Objects.requireNonNull(since, "since");
    return store.read("count the messages of route " + route + " to " + target + " in",
        c -> OutboxRows.sentSince(c, route, target, since, max));
  }

  /** Ends the claims of these deliveries, not attempted, so they may be claimed again at once; how many were PENDING. */
  @Override
  public int release(List<Long> ids) {
    List<Long> which = List.copyOf(ids);
    return store.transaction("release " + which.size() + " claimed deliveries in", c -> OutboxRows.release(c, which));
  }

  /** Which of these ids are DEAD deliveries (the others are unknown, or not dead). */
  public java.util.Set<Long> dead(List<Long> ids) {
    List<Long> which = List.copyOf(ids);
    return store.read("look up " + which.size() + " deliveries in", c -> OutboxRows.dead(c, which));
  }

  /**
   * When the next PENDING delivery may be claimed: the earliest {@code nextAttemptAt}, or the end of a
   * delivery's lease when that is later; empty when none is PENDING. A worker sleeps until then.
   */
  public Optional<Instant> nextDue() {
    return store.read("read when the next delivery is due from", c -> Optional.ofNullable(OutboxRows.nextDue(c)));
  }

  /** The deliveries with one of these statuses (every one when empty), newest first, at most {@code limit}. */
  public List<Delivery> deliveries(Collection<Delivery.Status> statuses, int limit) {
    return store.read("read the deliveries of", c -> OutboxRows.list(c, statuses, limit));
  }

  /** The deliveries of one finding (by its identity key), whatever their status, newest first, at most {@code limit}. */
  public List<Delivery> deliveries(String findingKey, int limit) {
    return store.read("read the deliveries of " + findingKey + " from",
        c -> OutboxRows.ofFinding(c, findingKey, limit));
  }

  /**
   * Makes these DEAD deliveries (every DEAD one when {@code ids} is null) PENDING again, due at {@code now};
   * their attempts are kept, so each gets one more try before it is DEAD again. Ids of deliveries that are
   * not DEAD are ignored; a digest member brings the DEAD members of its group along.
   *
   * @return how many were made PENDING
   */
  public int retry(List<Long> ids, Instant now) {
    Objects.requireNonNull(now, "now");
    List<Long> which = ids == null ? null : List.copyOf(ids);
    return store.transaction("retry deliveries in", c -> OutboxRows.revive(c, which, now));
  }

  /**
   * Deletes the deliveries with one of these statuses that were sent (or, never sent, enqueued) before
   * {@code olderThan}; how many.
   */
  public int purge(Instant olderThan, Collection<Delivery.Status> statuses) {
    Objects.requireNonNull(olderThan, "olderThan");
    List<Delivery.Status> which = List.copyOf(statuses);
    return store.transaction("purge deliveries from", c -> OutboxRows.purge(c, olderThan, which));
  }

  @Override
  public String toString() {
    return "StoreOutbox[" + store + "]";
  }
}

package dev.riskline.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where deliveries wait to be sent: the store's {@code deliveries} table. The {@link Dispatcher} claims due
 * deliveries for a lease and records how each attempt went; the members of a digest are claimed and recorded
 * together. See {@code StoreOutbox} for the guarantees.
 */
public interface Outbox {
  /**
   * Up to {@code max} due PENDING messages, claimed until {@code now + lease}: deliveries of their own, and
   * every member of each due digest group (a group counts once towards {@code max}).
   */
  List<Delivery> claimDue(Instant now, int max, Duration lease);

  /** These deliveries (one message: one, or a digest's members) were sent at {@code now}; how many were recorded. */
  int markSent(List<Long> ids, Instant now, String detail);

  /** The attempt failed; try these again at {@code nextAttemptAt}. */
  int markRetry(List<Long> ids, Instant nextAttemptAt, String error);

  /** The attempt failed for good. */
  int markDead(List<Long> ids, String error);

  /** These PENDING deliveries wait until {@code until} without counting an attempt (a rate limit); the claim ends. */
  int postpone(List<Long> ids, Instant until);

  /**
   * When the latest messages of a route to a target were sent, after {@code since}: at most {@code max},
   * newest first, a digest counted once.
   */
  List<Instant> sentSince(String route, String target, Instant since, int max);

  /**
   * These claimed deliveries were not attempted: their claims end now, so another dispatcher may take them at
   * once; how many were PENDING. By default nothing is released: they wait for their lease to end, as after a
   * crash.
   */
  default int release(List<Long> ids) {
    return 0;
  }
}

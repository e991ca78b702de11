package dev.riskline.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where deliveries wait to be sent: the store's {@code deliveries} table. The {@link Dispatcher} claims due
 * deliveries for a lease and records how each attempt went; see {@code Store} for the guarantees.
 */
public interface Outbox {
  /** Up to {@code max} due PENDING deliveries, claimed until {@code now + lease}. */
  List<Delivery> claimDue(Instant now, int max, Duration lease);

  /** The delivery was sent at {@code now}; {@code detail} is the target's answer. */
  boolean markSent(long id, Instant now, String detail);

  /** The attempt failed; try again at {@code nextAttemptAt}. */
  boolean markRetry(long id, Instant nextAttemptAt, String error);

  /** The attempt failed for good. */
  boolean markDead(long id, String error);

  /**
   * These claimed deliveries were not attempted: their claims end now, so another dispatcher may take them at
   * once; how many were PENDING. By default nothing is released: they wait for their lease to end, as after a
   * crash.
   */
  default int release(List<Long> ids) {
    return 0;
  }
}

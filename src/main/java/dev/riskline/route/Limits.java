package dev.riskline.route;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate limits of one {@link Dispatcher#dispatch}: when a route may next send to a target, from what the
 * outbox recorded as sent. A route and target found at their limit are not asked about again until the
 * moment they are free. Not thread-safe (one dispatch).
 */
final class Limits {
  private final Outbox outbox;
  private final Clock clock;
  private final Map<String, Instant> full = new HashMap<>();

  Limits(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * When the route may send to the target again, or null when it may now: with {@code max} messages sent in
   * the last {@code minutes}, the moment the oldest of them is {@code minutes} old.
   */
  Instant freeAt(String route, String target, RateLimit limit) {
    if (limit == null) return null;
    Instant now = clock.instant();
    String key = route + "\n" + target;
    Instant known = full.get(key);
    if (known != null && now.isBefore(known)) return known;
    List<Instant> sent = outbox.sentSince(route, target, now.minus(limit.window()), limit.max());
    if (sent.size() < limit.max()) return null;
    Instant free = sent.get(limit.max() - 1).plus(limit.window());
    full.put(key, free);
    return free;
  }
}

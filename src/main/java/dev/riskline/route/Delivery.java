package dev.riskline.route;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One message for one target, as the outbox holds it.
 *
 * @param id the outbox row's id (0 before it is stored)
 * @param key the idempotency key, one per message: (finding identity, route, target, change, when the change was
 *     found) — a target that accepts one gets it; the outbox holds each key once
 * @param route the route that matched
 * @param target the target's name in the configuration
 * @param change what changed
 * @param findingKey the finding's identity key
 * @param event the triage event as JSON ({@code {"source": "riskline", "detail-type": ..., "detail": ...}})
 * @param status PENDING, SENT or DEAD
 * @param attempts how many sends were tried
 * @param nextAttemptAt when it is due (PENDING)
 * @param lastError the last failure, secrets redacted, or null
 * @param createdAt when it was enqueued
 * @param sentAt when it was sent, or null
 */
public record Delivery(long id, String key, String route, String target, Change change, String findingKey,
    String event, Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
    Instant sentAt) {
  public enum Status { PENDING, SENT, DEAD }

  public Delivery {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
  }

  /**
   * A new PENDING delivery of a change found at {@code now}, due at once. Its key names the target (each
   * target of a route gets its own message) and the moment (a finding resolved, reopened and resolved again
   * is told twice); the same change is never found twice, since it is stored in the transaction that finds it.
   */
  public static Delivery pending(String route, String target, Change change, String findingKey, String event,
      Instant now) {
    String key = findingKey + "/" + route + "/" + target + "/" + change.name() + "/"
        + now.truncatedTo(ChronoUnit.MILLIS);
    return new Delivery(0, key, route, target, change, findingKey, event, Status.PENDING, 0, now, null, now, null);
  }
}

package dev.riskline.route;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One message for one target, as the outbox holds it; or, with a {@link Group}, one member of a digest
 * that is sent with the other members of its group as one message.
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
 * @param group its digest group, or null when it is a message of its own
 */
public record Delivery(long id, String key, String route, String target, Change change, String findingKey,
    String event, Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
    Instant sentAt, Group group) {
  public enum Status { PENDING, SENT, DEAD }

  public Delivery {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
  }

  /** A delivery that is a message of its own. */
  public Delivery(long id, String key, String route, String target, Change change, String findingKey, String event,
      Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
    this(id, key, route, target, change, findingKey, event, status, attempts, nextAttemptAt, lastError, createdAt,
        sentAt, null);
  }

  /**
   * A member's digest group. Members with one {@code key} whose window is open are one message: the first
   * opens a window of {@code window} and every member is due when it ends.
   *
   * @param key the group: route, target and a hash of {@code values}
   * @param values the values of the route's {@code digest.by} as a JSON object, pointer → value
   * @param window how long a window stays open after its first member
   * @param start when the member's window opened; null until the outbox puts the member in one
   * @param rank the member's rating on the matrix's scale (0 lowest, -1 none): higher ones come first
   */
  public record Group(String key, String values, Duration window, Instant start, int rank) {
    public Group {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(values, "values");
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("Expected a positive window but was " + window);
    }

    /** When the window closes and the digest is due; null before the window is known. */
    public Instant end() {
      return start == null ? null : start.plus(window);
    }

    /** The group in the window it opened at {@code start}. */
    public Group at(Instant start) {
      return new Group(key, values, window, start, rank);
    }

    /** The digest's idempotency key: the same for every send of this group in this window. */
    public String messageKey() {
      return "digest/" + key + "/" + (start == null ? "-" : start.truncatedTo(ChronoUnit.MICROS));
    }
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

  /** This delivery as a member of a digest group (the outbox decides its window and when it is due). */
  public Delivery inGroup(Group g) {
    return new Delivery(id, key, route, target, change, findingKey, event, status, attempts, nextAttemptAt, lastError,
        createdAt, sentAt, Objects.requireNonNull(g, "group"));
  }
}

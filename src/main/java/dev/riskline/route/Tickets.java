package dev.riskline.route;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ticket each finding has in each ticket target (Jira, ServiceNow): at most one per (target, finding
 * identity), so every later change of the finding goes to the same ticket. The store's {@code tickets}
 * table; the {@link Dispatcher} hands it to the targets. Implementations are thread-safe.
 */
public interface Tickets {
  /** The ticket of a finding in a target, if it has one. */
  Optional<Ticket> ticket(String target, String findingKey);

  /** Records the ticket of (target, finding key), replacing the one held (its {@code createdAt} is kept). */
  void saveTicket(Ticket ticket);

  /** What Riskline last made of a ticket. */
  enum Status { OPEN, RESOLVED }

  /**
   * One finding's ticket in one target.
   *
   * @param target the target's name in the configuration
   * @param findingKey the finding's identity key
   * @param key what the far side's API names it by (a Jira issue key, a ServiceNow sys_id)
   * @param number what people read (SEC-12, INC0010001)
   * @param url where people open it, or null
   * @param status what Riskline last made of it
   * @param createdAt when Riskline linked it
   * @param updatedAt when Riskline last changed it
   */
  record Ticket(String target, String findingKey, String key, String number, String url, Status status,
      Instant createdAt, Instant updatedAt) {
    public Ticket {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(findingKey, "findingKey");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same ticket with another status, changed at {@code now}. */
    public Ticket with(Status newStatus, Instant now) {
      return new Ticket(target, findingKey, key, number, url, newStatus, createdAt, now);
    }
  }
}

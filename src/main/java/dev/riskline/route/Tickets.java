package dev.riskline.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ticket each finding has in each ticket target (Jira, ServiceNow): at most one per (target, finding
 * identity), so every later change of the finding goes to the same ticket. The store's {@code tickets}
 * table; the {@link Dispatcher} hands it to the targets. A ticket is created under a {@link #reserve
 * reservation}, and a follow-up of a closed one under a {@link #reserveFollowUp} one, so two dispatchers
 * sending two changes of one finding at once create one ticket, not two.
 * Implementations are thread-safe, and safe between processes sharing one store.
 */
public interface Tickets {
  /** The ticket of a finding in a target, if it has one. */
  Optional<Ticket> ticket(String target, String findingKey);

  /**
   * Records the ticket of (target, finding key), replacing the one held (its {@code createdAt} is kept) or
   * completing the reservation of its creation.
   */
  void saveTicket(Ticket ticket);

  /**
   * Records a new state of the linked ticket {@code expectedKey} of (target, finding key), as
   * {@link #saveTicket} does, only while the link still names it: true when it did; false, with nothing
   * changed, once the link has moved on to another ticket (a follow-up linked meanwhile) or when there is no
   * link. A reservation of a follow-up held by another creator stays.
   */
  boolean saveTicket(Ticket ticket, String expectedKey);

  /** Every ticket of a finding, one per ticket target that has one, by target name. */
  List<Ticket> tickets(String findingKey);

  /**
   * Reserves the creation of the ticket of (target, finding key) until {@code now + lease}, unless a ticket
   * is linked (LINKED) or another creator holds a reservation that has not ended (BUSY). A reservation whose
   * lease has ended was left by a creator that stopped: it is taken over (TAKEN_OVER). Of two callers at
   * once, one reserves and the other is told BUSY. A reservation ends when {@link #saveTicket} links the
   * ticket, or by {@link #cancel}.
   */
  Reservation reserve(String target, String findingKey, Instant now, Duration lease);

  /**
   * Reserves the creation of a follow-up of the linked ticket {@code replacing} of (target, finding key),
   * closed for good, until {@code now + lease}, as {@link #reserve} does for the first ticket: RESERVED, or
   * TAKEN_OVER when an earlier reservation of it has ended; BUSY while another creator holds one; LINKED, with
   * the ticket, once the link no longer names {@code replacing} (another creator linked the follow-up). Of two
   * callers at once, one reserves and the other is told BUSY. Without any link it is {@link #reserve}. The
   * reservation ends when {@link #saveTicket} links the follow-up, or by {@link #cancel}; the old ticket stays
   * linked meanwhile.
   */
  Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now, Duration lease);

  /** Ends a reservation that linked no ticket; one since taken over by another creator, or completed, stays. */
  void cancel(Reservation reservation);

  /**
   * What {@link #reserve} found.
   *
   * @param kind what it found
   * @param target the target's name in the configuration
   * @param findingKey the finding's identity key
   * @param token what names the reservation (RESERVED and TAKEN_OVER), or null
   * @param until when the reservation (the caller's, or the other creator's when BUSY) ends, or null
   * @param ticket the ticket linked (LINKED), or null
   */
  record Reservation(Kind kind, String target, String findingKey, String token, Instant until, Ticket ticket) {
    public Reservation {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(findingKey, "findingKey");
      if ((kind == Kind.RESERVED || kind == Kind.TAKEN_OVER) && (token == null || until == null)) {
        throw new IllegalArgumentException(kind + " needs its token and its end");
      }
      if (kind == Kind.LINKED && ticket == null) throw new IllegalArgumentException("LINKED needs its ticket");
    }

    /** Whether the caller holds the reservation and is to create (or, after searching, link) the ticket. */
    public boolean held() {
      return kind == Kind.RESERVED || kind == Kind.TAKEN_OVER;
    }

    /**
     * RESERVED: the caller creates the ticket. TAKEN_OVER: the same, from a creator that stopped before
     * linking (it may have created the ticket: search first). LINKED: a ticket is there. BUSY: another
     * creator is at work; try again later.
     */
    public enum Kind { RESERVED, TAKEN_OVER, LINKED, BUSY }
  }

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

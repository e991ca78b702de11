package dev.riskline.store;

import dev.riskline.route.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ticket links of a {@link Store}: each finding's ticket in each ticket target ({@link #ticket},
 * {@link #saveTicket}, {@link #tickets}) and the reservations of their creation ({@link #reserve},
 * {@link #reserveFollowUp}, {@link #cancel}). Get it from {@link Store#tickets}.
 *
 * <p>Thread-safety: as the store's own methods; every call takes its turn on the store's one connection
 * (it holds the store's lock), so it never interleaves with another call on the store or on any of its
 * parts. It must not be called from the action of {@link Store#forEach}.
 */
public final class StoreTickets implements Tickets {
  private final Store store;
  private final Dialect dialect;

  StoreTickets(Store store, Dialect dialect) {
    this.store = store;
    this.dialect = dialect;
  }

  /** The ticket of a finding in a ticket target, if it has one. */
  @Override
  public Optional<Ticket> ticket(String target, String findingKey) {
    return store.read("read the ticket of " + findingKey + " in " + target + " from",
        c -> TicketRows.find(c, target, findingKey));
  }

  /**
   * Records the ticket of (target, finding key) in one transaction, replacing the one held but keeping its
   * creation time, whatever the link named: how a first ticket or a follow-up is linked.
   */
  @Override
  public void saveTicket(Ticket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    store.transaction("record ticket " + ticket.number() + " in", c -> {
      TicketRows.save(c, ticket);
      return null;
    });
  }

  /**
   * Records a new state of the linked ticket {@code expectedKey} in one transaction, only while the link
   * names it, keeping its creation time and any follow-up's reservation; whether it did.
   */
  @Override
  public boolean saveTicket(Ticket ticket, String expectedKey) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(expectedKey, "expectedKey");
    return store.transaction("record ticket " + ticket.number() + " in",
        c -> TicketRows.saveIfLinked(c, ticket, expectedKey));
  }

  /** Every linked ticket of a finding, by target name. */
  @Override
  public List<Ticket> tickets(String findingKey) {
    return store.read("read the tickets of " + findingKey + " from", c -> TicketRows.ofFinding(c, findingKey));
  }

  /**
   * Reserves the creation of the ticket of (target, finding key) in one transaction: a CREATING row that
   * the primary key lets one caller insert, whatever process it runs in ({@link Tickets#reserve}).
   */
  @Override
  public Reservation reserve(String target, String findingKey, Instant now, Duration lease) {
    Objects.requireNonNull(now, "now");
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
    return store.transaction("reserve the ticket of " + findingKey + " in " + target + " in",
        c -> TicketRows.reserve(c, dialect, target, findingKey, now, lease));
  }

  /**
   * Reserves the creation of a follow-up of the linked ticket {@code replacing} in one transaction: the
   * linked row marked with a token, when no other reservation of it runs ({@link Tickets#reserveFollowUp}).
   */
  @Override
  public Reservation reserveFollowUp(String target, String findingKey, String replacing, Instant now, Duration lease) {
    Objects.requireNonNull(replacing, "replacing");
    Objects.requireNonNull(now, "now");
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("Expected a positive lease but was " + lease);
    return store.transaction("reserve the follow-up of ticket " + replacing + " of " + findingKey + " in " + target
        + " in", c -> TicketRows.reserveFollowUp(c, dialect, target, findingKey, replacing, now, lease));
  }

  /** Ends a reservation that linked no ticket, unless it was taken over or completed since. */
  @Override
  public void cancel(Reservation reservation) {
    store.transaction("cancel the reservation of the ticket of " + reservation.findingKey() + " in", c ->
        TicketRows.cancel(c, reservation));
  }

  @Override
  public String toString() {
    return "StoreTickets[" + store + "]";
  }
}

package dev.riskline.store;

import dev.riskline.route.Tickets;
import dev.riskline.route.Tickets.Reservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code tickets} table: one finding's ticket in one ticket target, read and written by the key
 * (target, finding key), and the reservation of a ticket's creation (a CREATING row, without a ticket yet)
 * or of a follow-up's (the linked row, its {@code reserved_by} and {@code reserved_until} set until the
 * follow-up is linked).
 * Each method runs on the caller's connection and inside the caller's transaction.
 */
final class TicketRows {
  private static final String COLUMNS = "target, finding_key, ticket_key, ticket_number, url, status, created_at,"
      + " updated_at";
  private static final List<String> RESERVED = List.of("target", "finding_key", "status", "created_at", "updated_at",
      "reserved_by", "reserved_until");
  private static final String CREATING = "CREATING";
  /** Rounds of insert, read and take over before a reserver gives up to a busy row. */
  private static final int ROUNDS = 3;

  private TicketRows() {}

  static Optional<Tickets.Ticket> find(Connection c, String target, String findingKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM tickets WHERE target = ? AND finding_key = ? AND status <> '" + CREATING + "'")) {
      ps.setString(1, target);
      ps.setString(2, findingKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The linked tickets of a finding, by target name. */
  static List<Tickets.Ticket> ofFinding(Connection c, String findingKey) throws SQLException {
    List<Tickets.Ticket> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM tickets WHERE finding_key = ? AND status <> '" + CREATING + "' ORDER BY target")) {
      ps.setString(1, findingKey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
  }

  /**
   * Updates the row of (target, finding key), or inserts it when there is none; the held row keeps its
   * {@code created_at}, and a reservation (a CREATING row) ends. Two writers inserting the same key at once:
   * one of them fails on the primary key.
   */
  static void save(Connection c, Tickets.Ticket t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET ticket_key = ?, ticket_number = ?, url = ?,"
        + " status = ?, updated_at = ?, reserved_by = NULL, reserved_until = NULL"
        + " WHERE target = ? AND finding_key = ?")) {
      setLink(ps, t);
      if (ps.executeUpdate() == 1) return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, t.target());
      ps.setString(2, t.findingKey());
      ps.setString(3, t.key());
      ps.setString(4, t.number());
      ps.setString(5, t.url());
      ps.setString(6, t.status().name());
      Rows.setTime(ps, 7, t.createdAt());
      Rows.setTime(ps, 8, t.updatedAt());
      ps.executeUpdate();
    }
  }

  /**
   * Updates the linked row of (target, finding key) only while it names {@code expectedKey}: a
   * compare-and-set that keeps {@code created_at} and the follow-up's reservation ({@code reserved_by},
   * {@code reserved_until}), whoever holds it. Whether it applied; a CREATING row or no row is left alone.
   */
  static boolean saveIfLinked(Connection c, Tickets.Ticket t, String expectedKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET ticket_key = ?, ticket_number = ?, url = ?,"
        + " status = ?, updated_at = ? WHERE target = ? AND finding_key = ? AND ticket_key = ? AND status <> '"
        + CREATING + "'")) {
      setLink(ps, t);
      ps.setString(8, expectedKey);
      return ps.executeUpdate() == 1;
    }
  }

  /** The parameters 1 to 7 of both link updates: the ticket, its status and updated_at, the target, the finding. */
  private static void setLink(PreparedStatement ps, Tickets.Ticket t) throws SQLException {
    ps.setString(1, t.key());
    ps.setString(2, t.number());
    ps.setString(3, t.url());
    ps.setString(4, t.status().name());
    Rows.setTime(ps, 5, t.updatedAt());
    ps.setString(6, t.target());
    ps.setString(7, t.findingKey());
  }

  /**
   * Inserts a CREATING row for (target, finding key) unless one is there; else reads the row: a linked
   * ticket, a reservation still running (BUSY), or one whose lease ended, taken over with a new token when
   * no one else took it first. A row cancelled between the insert and the read is tried again.
   */
  static Reservation reserve(Connection c, Dialect dialect, String target, String findingKey, Instant now,
      Duration lease) throws SQLException {
    Instant at = Rows.micros(now);
    Instant until = Rows.micros(now.plus(lease));
    for (int round = 0; round < ROUNDS; round++) {
      String token = UUID.randomUUID().toString();
      if (insertReservation(c, dialect, target, findingKey, token, at, until)) {
        return new Reservation(Reservation.Kind.RESERVED, target, findingKey, token, until, null);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", reserved_by, reserved_until"
          + " FROM tickets WHERE target = ? AND finding_key = ?")) {
        ps.setString(1, target);
        ps.setString(2, findingKey);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) continue;
          if (!CREATING.equals(rs.getString("status"))) {
            return new Reservation(Reservation.Kind.LINKED, target, findingKey, null, null, read(rs));
          }
          Instant held = Rows.time(rs, "reserved_until");
          if (held.isAfter(at)) return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, held, null);
          if (takeOver(c, target, findingKey, rs.getString("reserved_by"), token, at, until)) {
            return new Reservation(Reservation.Kind.TAKEN_OVER, target, findingKey, token, until, null);
          }
        }
      }
    }
    return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, at, null);
  }

  /**
   * Marks the linked row of (target, finding key) naming {@code replacing} with a new token unless another
   * reservation of it runs: RESERVED, or TAKEN_OVER from one whose lease ended; BUSY while one runs (or the
   * row is a CREATING one); LINKED when the row names another ticket. A row changed between the read and the
   * mark is read again. Without a row, a reservation of the first ticket ({@link #reserve}).
   */
  static Reservation reserveFollowUp(Connection c, Dialect dialect, String target, String findingKey,
      String replacing, Instant now, Duration lease) throws SQLException {
    Instant at = Rows.micros(now);
    Instant until = Rows.micros(now.plus(lease));
    for (int round = 0; round < ROUNDS; round++) {
      String old;
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", reserved_by, reserved_until"
          + " FROM tickets WHERE target = ? AND finding_key = ?")) {
        ps.setString(1, target);
        ps.setString(2, findingKey);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return reserve(c, dialect, target, findingKey, now, lease);
          old = rs.getString("reserved_by");
          Instant held = old == null ? null : Rows.time(rs, "reserved_until");
          if (CREATING.equals(rs.getString("status"))) {
            return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, held, null);
          }
          if (!replacing.equals(rs.getString("ticket_key"))) {
            return new Reservation(Reservation.Kind.LINKED, target, findingKey, null, null, read(rs));
          }
          if (held != null && held.isAfter(at)) {
            return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, held, null);
          }
        }
      }
      String token = UUID.randomUUID().toString();
      try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET reserved_by = ?, reserved_until = ?"
          + " WHERE target = ? AND finding_key = ? AND ticket_key = ? AND status <> '" + CREATING + "' AND "
          + (old == null ? "reserved_by IS NULL" : "reserved_by = ?"))) {
        ps.setString(1, token);
        Rows.setTime(ps, 2, until);
        ps.setString(3, target);
        ps.setString(4, findingKey);
        ps.setString(5, replacing);
        if (old != null) ps.setString(6, old);
        if (ps.executeUpdate() == 1) {
          return new Reservation(old == null ? Reservation.Kind.RESERVED : Reservation.Kind.TAKEN_OVER, target,
              findingKey, token, until, null);
        }
      }
    }
    return new Reservation(Reservation.Kind.BUSY, target, findingKey, null, at, null);
  }

  private static boolean insertReservation(Connection c, Dialect dialect, String target, String findingKey,
      String token, Instant at, Instant until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessKeyExists("tickets", RESERVED,
        "target, finding_key"))) {
      int i = 0;
      ps.setString(++i, target);
      ps.setString(++i, findingKey);
      ps.setString(++i, CREATING);
      Rows.setTime(ps, ++i, at);
      Rows.setTime(ps, ++i, at);
      ps.setString(++i, token);
      Rows.setTime(ps, ++i, until);
      if (dialect.keyRepeatedLast()) {
        ps.setString(++i, target);
        ps.setString(++i, findingKey);
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (Dialect.duplicateKey(e)) return false; // another writer inserted the key after our look
      throw e;
    }
  }

  private static boolean takeOver(Connection c, String target, String findingKey, String old, String token,
      Instant at, Instant until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET reserved_by = ?, reserved_until = ?,"
        + " updated_at = ? WHERE target = ? AND finding_key = ? AND status = '" + CREATING + "' AND reserved_by = ?")) {
      ps.setString(1, token);
      Rows.setTime(ps, 2, until);
      Rows.setTime(ps, 3, at);
      ps.setString(4, target);
      ps.setString(5, findingKey);
      ps.setString(6, old);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Deletes the CREATING row of this reservation, or unmarks the linked row a follow-up's reservation marked,
   * if it is still the reservation's; whether it did.
   */
  static boolean cancel(Connection c, Reservation r) throws SQLException {
    if (!r.held()) return false;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM tickets WHERE target = ? AND finding_key = ?"
        + " AND status = '" + CREATING + "' AND reserved_by = ?")) {
      ps.setString(1, r.target());
      ps.setString(2, r.findingKey());
      ps.setString(3, r.token());
      if (ps.executeUpdate() == 1) return true;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET reserved_by = NULL, reserved_until = NULL"
        + " WHERE target = ? AND finding_key = ? AND status <> '" + CREATING + "' AND reserved_by = ?")) {
      ps.setString(1, r.target());
      ps.setString(2, r.findingKey());
      ps.setString(3, r.token());
      return ps.executeUpdate() == 1;
    }
  }

  private static Tickets.Ticket read(ResultSet rs) throws SQLException {
    return new Tickets.Ticket(rs.getString("target"), rs.getString("finding_key"), rs.getString("ticket_key"),
        rs.getString("ticket_number"), rs.getString("url"), Tickets.Status.valueOf(rs.getString("status")),
        Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"));
  }
}

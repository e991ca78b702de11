package dev.riskline.store;

import dev.riskline.route.Tickets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code tickets} table: one finding's ticket in one ticket target, read and written by the key
 * (target, finding key). Each method runs on the caller's connection and inside the caller's transaction.
 */
final class TicketRows {
  private static final String COLUMNS = "target, finding_key, ticket_key, ticket_number, url, status, created_at,"
      + " updated_at";

  private TicketRows() {}

  static Optional<Tickets.Ticket> find(Connection c, String target, String findingKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM tickets WHERE target = ? AND finding_key = ?")) {
      ps.setString(1, target);
      ps.setString(2, findingKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Updates the row of (target, finding key), or inserts it when there is none; the held row keeps its
   * {@code created_at}. Two writers inserting the same key at once: one of them fails on the primary key.
   */
  static void save(Connection c, Tickets.Ticket t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET ticket_key = ?, ticket_number = ?, url = ?,"
        + " status = ?, updated_at = ? WHERE target = ? AND finding_key = ?")) {
      ps.setString(1, t.key());
      ps.setString(2, t.number());
      ps.setString(3, t.url());
      ps.setString(4, t.status().name());
      Rows.setTime(ps, 5, t.updatedAt());
      ps.setString(6, t.target());
      ps.setString(7, t.findingKey());
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

  private static Tickets.Ticket read(ResultSet rs) throws SQLException {
    return new Tickets.Ticket(rs.getString("target"), rs.getString("finding_key"), rs.getString("ticket_key"),
        rs.getString("ticket_number"), rs.getString("url"), Tickets.Status.valueOf(rs.getString("status")),
        Rows.time(rs, "created_at"), Rows.time(rs, "updated_at"));
  }
}

package dev.riskline.store;

import dev.riskline.finding.RisklineException;
import dev.riskline.schedule.Acceptance;
import dev.riskline.schedule.AcceptancePolicy;
import dev.riskline.schedule.AcceptanceRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code acceptances} and {@code acceptance_history} tables: acceptances written, revoked, read, and
 * what was done to them. Each method runs on the caller's connection; writes run inside the caller's
 * transaction.
 */
final class AcceptanceRows {
  static final String COLUMNS = "id, scope, scope_value, owner, reason, created_at, expires_at, revoked_at,"
      + " revoked_by, revoke_reason";
  /** Tries to find an unused id before giving up (with 32 random bits, one try nearly always does). */
  private static final int ID_TRIES = 10;

  private AcceptanceRows() {}

  /**
   * A new acceptance of this request under the policy, stored with its CREATED event. The policy checks
   * the times as given, then they are cut to the microsecond the columns keep.
   */
  static Acceptance insert(Connection c, AcceptanceRequest request, AcceptancePolicy policy, Instant now)
      throws SQLException {
    Acceptance made = policy.accept(unusedId(c), request, now);
    Acceptance a = new Acceptance(made.id(), made.scope(), made.value(), made.owner(), made.reason(),
        Rows.micros(made.createdAt()), Rows.micros(made.expiresAt()), null, null, null);
    String sql = "INSERT INTO acceptances (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 0;
      ps.setString(++i, a.id());
      ps.setString(++i, a.scope().name());
      ps.setString(++i, a.value());
      ps.setString(++i, a.owner());
      ps.setString(++i, a.reason());
      Rows.setTime(ps, ++i, a.createdAt());
      Rows.setTime(ps, ++i, a.expiresAt());
      Rows.setTime(ps, ++i, null);
      ps.setString(++i, null);
      ps.setString(++i, null);
      ps.executeUpdate();
    }
    event(c, a.id(), a.createdAt(), "CREATED", a.owner(), a.reason());
    return a;
  }

  /** The acceptance revoked at {@code now}, stored with its REVOKED event. */
  static Acceptance revoke(Connection c, String id, String by, String reason, Instant now) throws SQLException {
    Acceptance held = find(c, id, true).orElseThrow(() -> RisklineException.badInput("No acceptance " + id
        + " in the store", "See the acceptances with: riskline acceptances list --all"));
    Acceptance revoked = held.revoke(now, by, reason);
    String sql = "UPDATE acceptances SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.setTime(ps, 1, revoked.revokedAt());
      ps.setString(2, revoked.revokedBy());
      ps.setString(3, revoked.revokeReason());
      ps.setString(4, id);
      ps.executeUpdate();
    }
    event(c, id, now, "REVOKED", by, reason);
    return revoked;
  }

  /** The acceptance with this id; with {@code lock}, its row is locked until the transaction ends. */
  static Optional<Acceptance> find(Connection c, String id, boolean lock) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM acceptances WHERE id = ?" + (lock ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The acceptances active at {@code now}, or all of them, soonest expiry first. */
  static List<Acceptance> list(Connection c, boolean includeInactive, Instant now) throws SQLException {
    String active = " WHERE created_at <= ? AND expires_at > ? AND (revoked_at IS NULL OR revoked_at > ?)";
    String sql = "SELECT " + COLUMNS + " FROM acceptances" + (includeInactive ? "" : active)
        + " ORDER BY expires_at, id";
    List<Acceptance> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (!includeInactive) {
        for (int i = 1; i <= 3; i++) Rows.setTime(ps, i, now);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
  }

  /** What was done to this acceptance, oldest first. */
  static List<AcceptanceEvent> history(Connection c, String id) throws SQLException {
    String sql = "SELECT seq, acceptance_id, at, event, actor, detail FROM acceptance_history"
        + " WHERE acceptance_id = ? ORDER BY seq";
    List<AcceptanceEvent> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AcceptanceEvent(rs.getLong("seq"), rs.getString("acceptance_id"), Rows.time(rs, "at"),
              rs.getString("event"), rs.getString("actor"), rs.getString("detail")));
        }
      }
    }
    return out;
  }

  /** A short, readable id: {@code acc-} and 8 hex digits of a random UUID. */
  static String newId() {
    return "acc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String unusedId(Connection c) throws SQLException {
    for (int i = 0; i < ID_TRIES; i++) {
      String id = newId();
      if (find(c, id, false).isEmpty()) return id;
    }
    throw new SQLException("no unused acceptance id after " + ID_TRIES + " random tries");
  }

  private static void event(Connection c, String id, Instant at, String event, String actor, String detail)
      throws SQLException {
    String sql = "INSERT INTO acceptance_history (acceptance_id, at, event, actor, detail) VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      Rows.setTime(ps, 2, at);
      ps.setString(3, event);
      ps.setString(4, actor);
      ps.setString(5, detail);
      ps.executeUpdate();
    }
  }

  private static Acceptance read(ResultSet rs) throws SQLException {
    return new Acceptance(rs.getString("id"), Acceptance.Scope.valueOf(rs.getString("scope")),
        rs.getString("scope_value"), rs.getString("owner"), rs.getString("reason"), Rows.time(rs, "created_at"),
        Rows.time(rs, "expires_at"), Rows.time(rs, "revoked_at"), rs.getString("revoked_by"),
        rs.getString("revoke_reason"));
  }
}

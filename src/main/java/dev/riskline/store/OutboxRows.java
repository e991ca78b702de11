package dev.riskline.store;

import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code deliveries} table, the outbox: deliveries enqueued (a key already there is skipped), claimed
 * for a lease, recorded as sent, to retry or dead, listed, retried by hand and purged. Each method runs on
 * the caller's connection and inside the caller's transaction.
 */
final class OutboxRows {
  static final List<String> INSERTED = List.of("idempotency_key", "route", "target", "change", "finding_key", "event",
      "status", "attempts", "next_attempt_at", "created_at");
  static final String COLUMNS = "id, idempotency_key, route, target, change, finding_key, event, status, attempts,"
      + " next_attempt_at, last_error, created_at, sent_at";
  /** The longest error and detail kept; longer ones are cut. */
  static final int TEXT_MAX = 2000;

  private OutboxRows() {}

  /** Inserts each delivery as PENDING unless its idempotency key is held; how many were new. */
  static int enqueue(Connection c, Dialect dialect, List<Delivery> deliveries) throws SQLException {
    if (deliveries.isEmpty()) return 0;
    int added = 0;
    try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessKeyExists("deliveries", INSERTED,
        "idempotency_key"))) {
      for (Delivery d : deliveries) {
        int i = 0;
        ps.setString(++i, d.key());
        ps.setString(++i, d.route());
        ps.setString(++i, d.target());
        ps.setString(++i, d.change().name());
        ps.setString(++i, d.findingKey());
        ps.setString(++i, d.event());
        ps.setString(++i, Delivery.Status.PENDING.name());
        ps.setInt(++i, d.attempts());
        Rows.setTime(ps, ++i, d.nextAttemptAt() == null ? d.createdAt() : d.nextAttemptAt());
        Rows.setTime(ps, ++i, d.createdAt());
        if (dialect.keyRepeatedLast()) ps.setString(++i, d.key());
        added += ps.executeUpdate(); // one by one: a batch would stop at H2's first duplicate in the batch
      }
    }
    return added;
  }

  /**
   * Claims up to {@code max} due deliveries until {@code now + lease}: PENDING, due, and not claimed by
   * another dispatcher whose lease still runs. Rows another transaction is claiming are skipped, and each
   * claim is made only if the row is still claimable, so no row goes to two claimers.
   */
  static List<Delivery> claim(Connection c, Instant now, int max, Duration lease) throws SQLException {
    String claimable = "status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
    List<Delivery> due = new ArrayList<>();
    String select = "SELECT " + COLUMNS + " FROM deliveries WHERE " + claimable
        + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
    try (PreparedStatement ps = c.prepareStatement(select)) {
      Rows.setTime(ps, 1, now);
      Rows.setTime(ps, 2, now);
      ps.setInt(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) due.add(read(rs));
      }
    }
    List<Delivery> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET claimed_until = ? WHERE id = ? AND "
        + claimable)) {
      for (Delivery d : due) {
        Rows.setTime(ps, 1, now.plus(lease));
        ps.setLong(2, d.id());
        Rows.setTime(ps, 3, now);
        Rows.setTime(ps, 4, now);
        if (ps.executeUpdate() == 1) claimed.add(d);
      }
    }
    return claimed;
  }

  /** These claimed deliveries, if still PENDING, claimable again at once; how many. */
  static int release(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) return 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET claimed_until = NULL WHERE status = 'PENDING'"
        + " AND id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
      for (int i = 0; i < ids.size(); i++) ps.setLong(i + 1, ids.get(i));
      return ps.executeUpdate();
    }
  }

  /**
   * When the next PENDING delivery may be claimed: the earliest of their due times, each pushed to the end of
   * its lease while one runs (a claimed delivery is not due again before); null when none is PENDING.
   */
  static Instant nextDue(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CASE WHEN claimed_until > next_attempt_at"
        + " THEN claimed_until ELSE next_attempt_at END) AS next_due FROM deliveries WHERE status = 'PENDING'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Rows.time(rs, "next_due") : null;
    }
  }

  /** Sent: SENT at {@code now}, one more attempt, the target's answer kept. False when there is no such row. */
  static boolean sent(Connection c, long id, Instant now, String detail) throws SQLException {
    return update(c, "UPDATE deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = ?, sent_detail = ?,"
        + " claimed_until = NULL WHERE id = ?", ps -> {
          Rows.setTime(ps, 1, now);
          ps.setString(2, Rows.clip(detail, TEXT_MAX));
          ps.setLong(3, id);
        });
  }

  /** Failed, to be tried again at {@code next}: one more attempt, the error kept, the claim released. */
  static boolean retry(Connection c, long id, Instant next, String error) throws SQLException {
    return update(c, "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
        + " claimed_until = NULL WHERE id = ? AND status = 'PENDING'", ps -> {
          Rows.setTime(ps, 1, next);
          ps.setString(2, Rows.clip(error, TEXT_MAX));
          ps.setLong(3, id);
        });
  }

  /** Failed for good: DEAD, one more attempt, the error kept. */
  static boolean dead(Connection c, long id, String error) throws SQLException {
    return update(c, "UPDATE deliveries SET status = 'DEAD', attempts = attempts + 1, last_error = ?,"
        + " claimed_until = NULL WHERE id = ? AND status = 'PENDING'", ps -> {
          ps.setString(1, Rows.clip(error, TEXT_MAX));
          ps.setLong(2, id);
        });
  }

  /** The deliveries with one of these statuses (all when empty), newest first, at most {@code limit}. */
  static List<Delivery> list(Connection c, Collection<Delivery.Status> statuses, int limit) throws SQLException {
    String where = statuses.isEmpty() ? "" : " WHERE status IN (" + quoted(statuses) + ")";
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries" + where
        + " ORDER BY id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
  }

  /** These DEAD deliveries (all DEAD ones when {@code ids} is null) PENDING again, due at {@code now}. */
  static int revive(Connection c, List<Long> ids, Instant now) throws SQLException {
    if (ids != null && ids.isEmpty()) return 0;
    String which = ids == null ? "" : " AND id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET status = 'PENDING', next_attempt_at = ?,"
        + " claimed_until = NULL WHERE status = 'DEAD'" + which)) {
      Rows.setTime(ps, 1, now);
      if (ids != null) {
        for (int i = 0; i < ids.size(); i++) ps.setLong(i + 2, ids.get(i));
      }
      return ps.executeUpdate();
    }
  }

  /** Deletes the deliveries with one of these statuses last touched (sent, else enqueued) before {@code olderThan}. */
  static int purge(Connection c, Instant olderThan, Collection<Delivery.Status> statuses) throws SQLException {
    if (statuses.isEmpty()) return 0;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM deliveries WHERE status IN (" + quoted(statuses)
        + ") AND COALESCE(sent_at, created_at) < ?")) {
      Rows.setTime(ps, 1, olderThan);
      return ps.executeUpdate();
    }
  }

  private static String quoted(Collection<Delivery.Status> statuses) {
    return statuses.stream().distinct().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static boolean update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    }
  }

  private static Delivery read(ResultSet rs) throws SQLException {
    return new Delivery(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("route"),
        rs.getString("target"), Change.valueOf(rs.getString("change")), rs.getString("finding_key"),
        rs.getString("event"), Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        Rows.time(rs, "next_attempt_at"), rs.getString("last_error"), Rows.time(rs, "created_at"),
        Rows.time(rs, "sent_at"));
  }
}

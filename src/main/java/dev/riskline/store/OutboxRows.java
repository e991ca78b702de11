package dev.riskline.store;

import dev.riskline.route.Change;
import dev.riskline.route.Delivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code deliveries} table, the outbox: deliveries enqueued (a key already there is skipped; a digest
 * member joins the open window of its group or opens one), claimed for a lease (a digest group whole),
 * recorded as sent, to retry, dead or postponed, counted for rate limits, listed, retried by hand and purged.
 * Each method runs on the caller's connection and inside the caller's transaction.
 */
final class OutboxRows {
  static final List<String> INSERTED = List.of("idempotency_key", "route", "target", "change", "finding_key", "event",
      "status", "attempts", "next_attempt_at", "created_at", "digest_key", "digest_values", "digest_start",
      "digest_end", "digest_rank");
  static final String COLUMNS = "id, idempotency_key, route, target, change, finding_key, event, status, attempts,"
      + " next_attempt_at, last_error, created_at, sent_at, digest_key, digest_values, digest_start, digest_end,"
      + " digest_rank";
  /** The longest error and detail kept; longer ones are cut. */
  static final int TEXT_MAX = 2000;
  /** Ids per statement when many rows are recorded at once. */
  private static final int CHUNK = 500;
  private static final String CLAIMABLE =
      "status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
  /** A delivery of its own, or the first member of its group: the one row that stands for a message. */
  private static final String FIRST = "(digest_key IS NULL OR id = (SELECT MIN(m.id) FROM deliveries m"
      + " WHERE m.digest_key = d.digest_key AND m.digest_start = d.digest_start AND m.status = d.status))";

  private OutboxRows() {}

  /** A digest window: members of one group enqueued before {@code end} join the one that opened at {@code start}. */
  private record Window(Instant start, Instant end) {}

  /**
   * Inserts each delivery as PENDING unless its idempotency key is held; how many were new. A digest member
   * joins its group's window that is still open at its creation, or opens one then; it is due when the window ends.
   */
  static int enqueue(Connection c, Dialect dialect, List<Delivery> deliveries) throws SQLException {
    if (deliveries.isEmpty()) return 0;
    int added = 0;
    Map<String, Window> open = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessKeyExists("deliveries", INSERTED,
        "idempotency_key"))) {
      for (Delivery d : deliveries) {
        Delivery.Group g = d.group();
        Window w = g == null ? null : window(c, open, g, d.createdAt());
        int i = 0;
        ps.setString(++i, d.key());
        ps.setString(++i, d.route());
        ps.setString(++i, d.target());
        ps.setString(++i, d.change().name());
        ps.setString(++i, d.findingKey());
        ps.setString(++i, d.event());
        ps.setString(++i, Delivery.Status.PENDING.name());
        ps.setInt(++i, d.attempts());
        Rows.setTime(ps, ++i, w != null ? w.end() : d.nextAttemptAt() == null ? d.createdAt() : d.nextAttemptAt());
        Rows.setTime(ps, ++i, d.createdAt());
        ps.setString(++i, g == null ? null : g.key());
        ps.setString(++i, g == null ? null : g.values());
        Rows.setTime(ps, ++i, w == null ? null : w.start());
        Rows.setTime(ps, ++i, w == null ? null : w.end());
        if (g == null) ps.setNull(++i, Types.INTEGER); else ps.setInt(++i, g.rank());
        if (dialect.keyRepeatedLast()) ps.setString(++i, d.key());
        added += ps.executeUpdate(); // one by one: a batch would stop at H2's first duplicate in the batch
      }
    }
    return added;
  }

  /** The window of the group open at {@code at}: one this call opened, one in the table, or a new one. */
  private static Window window(Connection c, Map<String, Window> open, Delivery.Group g, Instant at)
      throws SQLException {
    Window w = open.get(g.key());
    if (w != null && w.end().isAfter(at)) return w;
    w = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT digest_start, digest_end FROM deliveries"
        + " WHERE digest_key = ? AND digest_end > ? ORDER BY digest_start LIMIT 1")) {
      ps.setString(1, g.key());
      Rows.setTime(ps, 2, at);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) w = new Window(Rows.time(rs, "digest_start"), Rows.time(rs, "digest_end"));
      }
    }
    if (w == null) {
      Instant start = Rows.micros(at);
      w = new Window(start, start.plus(g.window()));
    }
    open.put(g.key(), w);
    return w;
  }

  /**
   * Claims up to {@code max} due messages until {@code now + lease}: PENDING, due, and not claimed by another
   * dispatcher whose lease still runs. A digest group is claimed whole through its first member, which is
   * the only row of the group the selection locks: rows another transaction is claiming are skipped, and
   * each claim is made only if the rows are still claimable, so no row goes to two claimers.
   */
  static List<Delivery> claim(Connection c, Instant now, int max, Duration lease) throws SQLException {
    List<Delivery> due = new ArrayList<>();
    String select = "SELECT " + COLUMNS + " FROM deliveries d WHERE " + CLAIMABLE + " AND " + FIRST
        + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
    try (PreparedStatement ps = c.prepareStatement(select)) {
      Rows.setTime(ps, 1, now);
      Rows.setTime(ps, 2, now);
      ps.setInt(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) due.add(read(rs));
      }
    }
    Instant until = now.plus(lease);
    List<Delivery> claimed = new ArrayList<>();
    try (PreparedStatement one = c.prepareStatement("UPDATE deliveries SET claimed_until = ? WHERE id = ? AND "
        + CLAIMABLE);
        PreparedStatement group = c.prepareStatement("UPDATE deliveries SET claimed_until = ? WHERE digest_key = ?"
            + " AND digest_start = ? AND " + CLAIMABLE)) {
      for (Delivery d : due) {
        if (d.group() == null) {
          Rows.setTime(one, 1, until);
          one.setLong(2, d.id());
          Rows.setTime(one, 3, now);
          Rows.setTime(one, 4, now);
          if (one.executeUpdate() == 1) claimed.add(d);
        } else {
          Rows.setTime(group, 1, until);
          group.setString(2, d.group().key());
          Rows.setTime(group, 3, d.group().start());
          Rows.setTime(group, 4, now);
          Rows.setTime(group, 5, now);
          if (group.executeUpdate() > 0) claimed.addAll(members(c, d.group(), until));
        }
      }
    }
    return claimed;
  }

  private static List<Delivery> members(Connection c, Delivery.Group g, Instant until) throws SQLException {
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries WHERE digest_key = ?"
        + " AND digest_start = ? AND status = 'PENDING' AND claimed_until = ? ORDER BY id")) {
      ps.setString(1, g.key());
      Rows.setTime(ps, 2, g.start());
      Rows.setTime(ps, 3, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
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

  /** Which of these ids are DEAD deliveries. */
  static Set<Long> dead(Connection c, List<Long> ids) throws SQLException {
    Set<Long> out = new HashSet<>();
    if (ids.isEmpty()) return out;
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM deliveries WHERE status = 'DEAD' AND id IN ("
        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
      for (int i = 0; i < ids.size(); i++) ps.setLong(i + 1, ids.get(i));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
    }
    return out;
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

  /** Sent: SENT at {@code now}, one more attempt, the target's answer kept; how many rows. */
  static int sent(Connection c, List<Long> ids, Instant now, String detail) throws SQLException {
    return update(c, "UPDATE deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = ?, sent_detail = ?,"
        + " claimed_until = NULL WHERE", "", ids, ps -> {
          Rows.setTime(ps, 1, now);
          ps.setString(2, Rows.clip(detail, TEXT_MAX));
        });
  }

  /** Failed, to be tried again at {@code next}: one more attempt, the error kept, the claim released. */
  static int retry(Connection c, List<Long> ids, Instant next, String error) throws SQLException {
    return update(c, "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
        + " claimed_until = NULL WHERE", " AND status = 'PENDING'", ids, ps -> {
          Rows.setTime(ps, 1, next);
          ps.setString(2, Rows.clip(error, TEXT_MAX));
        });
  }

  /** Failed for good: DEAD, one more attempt, the error kept. */
  static int dead(Connection c, List<Long> ids, String error) throws SQLException {
    return update(c, "UPDATE deliveries SET status = 'DEAD', attempts = attempts + 1, last_error = ?,"
        + " claimed_until = NULL WHERE", " AND status = 'PENDING'", ids, ps -> ps.setString(1, Rows.clip(error, TEXT_MAX)));
  }

  /** Held back until {@code until}, attempts unchanged, the claim released. */
  static int postpone(Connection c, List<Long> ids, Instant until) throws SQLException {
    return update(c, "UPDATE deliveries SET next_attempt_at = ?, claimed_until = NULL WHERE",
        " AND status = 'PENDING'", ids, ps -> Rows.setTime(ps, 1, until));
  }

  /** When the latest messages of a route to a target were sent after {@code since}, newest first, a digest once. */
  static List<Instant> sentSince(Connection c, String route, String target, Instant since, int max)
      throws SQLException {
    List<Instant> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT sent_at FROM deliveries d WHERE route = ? AND target = ?"
        + " AND status = 'SENT' AND sent_at > ? AND " + FIRST + " ORDER BY sent_at DESC LIMIT ?")) {
      ps.setString(1, route);
      ps.setString(2, target);
      Rows.setTime(ps, 3, since);
      ps.setInt(4, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(Rows.time(rs, "sent_at"));
      }
    }
    return out;
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

  /** The deliveries of one finding, newest first, at most {@code limit}. */
  static List<Delivery> ofFinding(Connection c, String findingKey, int limit) throws SQLException {
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deliveries WHERE finding_key = ?"
        + " ORDER BY id DESC LIMIT ?")) {
      ps.setString(1, findingKey);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(read(rs));
      }
    }
    return out;
  }

  /**
   * These DEAD deliveries (all DEAD ones when {@code ids} is null) PENDING again, due at {@code now}; a digest
   * member brings the DEAD members of its group along, so the group is sent as one again.
   */
  static int revive(Connection c, List<Long> ids, Instant now) throws SQLException {
    if (ids != null && ids.isEmpty()) return 0;
    String in = ids == null ? "" : String.join(", ", Collections.nCopies(ids.size(), "?"));
    String which = ids == null ? "" : " AND (id IN (" + in + ") OR EXISTS (SELECT 1 FROM deliveries g WHERE g.id IN ("
        + in + ") AND g.digest_key = deliveries.digest_key AND g.digest_start = deliveries.digest_start))";
    try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET status = 'PENDING', next_attempt_at = ?,"
        + " claimed_until = NULL WHERE status = 'DEAD'" + which)) {
      Rows.setTime(ps, 1, now);
      if (ids != null) {
        for (int i = 0; i < ids.size(); i++) {
          ps.setLong(i + 2, ids.get(i));
          ps.setLong(i + 2 + ids.size(), ids.get(i));
        }
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

  /**
   * Runs {@code set + " id IN (...)" + condition} over the ids, {@value #CHUNK} at a time; {@code binder} sets
   * the parameters of {@code set}, the ids follow. How many rows changed.
   */
  private static int update(Connection c, String set, String condition, List<Long> ids, Binder binder)
      throws SQLException {
    int changed = 0;
    int first = (int) set.chars().filter(ch -> ch == '?').count() + 1;
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try (PreparedStatement ps = c.prepareStatement(set + " id IN ("
          + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")" + condition)) {
        binder.bind(ps);
        for (int i = 0; i < chunk.size(); i++) ps.setLong(first + i, chunk.get(i));
        changed += ps.executeUpdate();
      }
    }
    return changed;
  }

  private static Delivery read(ResultSet rs) throws SQLException {
    String digestKey = rs.getString("digest_key");
    Delivery.Group group = null;
    if (digestKey != null) {
      Instant start = Rows.time(rs, "digest_start");
      Instant end = Rows.time(rs, "digest_end");
      group = new Delivery.Group(digestKey, rs.getString("digest_values"), Duration.between(start, end), start,
          rs.getInt("digest_rank"));
    }
    return new Delivery(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("route"),
        rs.getString("target"), Change.valueOf(rs.getString("change")), rs.getString("finding_key"),
        rs.getString("event"), Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        Rows.time(rs, "next_attempt_at"), rs.getString("last_error"), Rows.time(rs, "created_at"),
        Rows.time(rs, "sent_at"), group);
  }
}

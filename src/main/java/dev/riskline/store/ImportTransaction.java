package dev.riskline.store;

import dev.riskline.finding.Finding;
import dev.riskline.finding.Imports;
import dev.riskline.route.Delivery;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One import batch inside the caller's transaction: load what is held for the batch's identities, apply
 * Security Hub's import semantics record by record (a record sees the results of the records before it),
 * then write the final state of every changed finding and one history row per accepted record, each as
 * one JDBC batch, and the deliveries the triage made into the outbox. The caller commits, or rolls back
 * on any exception.
 */
final class ImportTransaction {
  /** Keys per SELECT ... IN (...): well under every driver's parameter limit. */
  static final int KEYS_PER_QUERY = 500;

  private final Connection connection;
  private final Dialect dialect;
  private final Instant now;
  private final Store.Triager triage;

  /** A record the batch accepted: its position in the batch, its key, the outcome and the JSON stored. */
  private record Change(int position, String key, Imports.Outcome outcome, Finding finding, String body) {}

  ImportTransaction(Connection connection, Dialect dialect, Instant now, Store.Triager triage) {
    this.connection = connection;
    this.dialect = dialect;
    this.now = Rows.micros(now);
    this.triage = triage;
  }

  ImportBatch run(List<Finding> findings) throws SQLException {
    List<String> keys = findings.stream().map(f -> f.identity().key()).toList();
    Map<String, Rows.Row> rows = load(new TreeSet<>(keys));
    List<Imports.Result> results = new ArrayList<>(findings.size());
    List<Change> changes = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      String key = keys.get(i);
      Rows.Row held = rows.get(key);
      Imports.Result result = Imports.apply(held == null ? null : held.held(), findings.get(i));
      Rows.Decided decided = null;
      if (result.outcome() != Imports.Outcome.STALE) {
        Rows.Decided before = held == null ? null : held.decided();
        Store.Triaged t = triage.triage(findings.get(i), result.finding(), before == null ? null : before.previous());
        result = new Imports.Result(result.outcome(), t.finding());
        decided = t.risk() == null ? null : Rows.Decided.of(t.risk(), t.rank(), t.schedule());
        deliveries.addAll(t.deliveries());
      }
      results.add(result);
      if (result.outcome() == Imports.Outcome.STALE) continue;
      String body = Bodies.write(result.finding());
      changes.add(new Change(i, key, result.outcome(), result.finding(), body));
      Set<String> customerSet = held == null ? Set.of() : held.held().customerSet();
      Instant firstSeen = held == null ? now : held.firstSeenAt();
      rows.put(key, new Rows.Row(key, new Imports.Held(result.finding(), customerSet), firstSeen, now, decided, body));
    }
    writeFindings(changes, rows);
    writeHistory(changes);
    OutboxRows.enqueue(connection, dialect, deliveries);
    return new ImportBatch(results);
  }

  /**
   * The stored rows of these keys, locked against concurrent imports until the transaction ends (in key
   * order, so two importers cannot deadlock on each other).
   */
  private Map<String, Rows.Row> load(TreeSet<String> keys) throws SQLException {
    Map<String, Rows.Row> rows = new HashMap<>();
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
      String sql = "SELECT " + Rows.ROW + " FROM findings"
          + " WHERE finding_key IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"
          + " ORDER BY finding_key FOR UPDATE";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        dialect.planWithValues(ps);
        for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Rows.Row row = Rows.read(rs);
            rows.put(row.key(), row);
          }
        }
      }
    }
    return rows;
  }

  /** One upsert per changed identity, with its last state in the batch. */
  private void writeFindings(List<Change> changes, Map<String, Rows.Row> rows) throws SQLException {
    Map<String, Change> last = new LinkedHashMap<>();
    for (Change c : changes) last.put(c.key(), c);
    List<Change> written = new ArrayList<>(last.values());
    try (PreparedStatement ps = connection.prepareStatement(dialect.upsert())) {
      for (Change c : written) {
        Rows.bind(ps, rows.get(c.key()));
        ps.addBatch();
      }
      execute(ps, written);
    }
  }

  private void writeHistory(List<Change> changes) throws SQLException {
    String sql = "INSERT INTO finding_history (finding_key, recorded_at, change, updated_at, body)"
        + " VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (Change c : changes) {
        ps.setString(1, c.key());
        Rows.setTime(ps, 2, now);
        ps.setString(3, c.outcome().name());
        Rows.setTime(ps, 4, c.finding().updatedAt());
        ps.setString(5, c.body());
        ps.addBatch();
      }
      execute(ps, changes);
    }
  }

  /**
   * Runs the batch. When the driver marks exactly one row as failed (H2 does; PostgreSQL marks them all),
   * the failure names the record of the batch that row came from.
   */
  private static void execute(PreparedStatement ps, List<Change> rows) throws SQLException {
    if (rows.isEmpty()) return;
    try {
      ps.executeBatch();
    } catch (BatchUpdateException e) {
      int[] counts = e.getUpdateCounts();
      int failed = -1;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] != Statement.EXECUTE_FAILED) continue;
        if (failed >= 0) throw e;
        failed = i;
      }
      if (failed < 0 || counts.length != rows.size()) throw e;
      throw new RecordFailed(rows.get(failed).position(), e);
    }
  }

  /** Where in the batch a failure happened, for its message: " at findings[i]", or "" when not known. */
  static String where(SQLException e) {
    return e instanceof RecordFailed f ? " at findings[" + f.position() + "]" : "";
  }

  /** A statement of the batch failed on the row of the record at this position of the batch. */
  static final class RecordFailed extends SQLException {
    private static final long serialVersionUID = 1L;
    private final int position;

    RecordFailed(int position, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      setNextException(cause);
      this.position = position;
    }

    int position() {
      return position;
    }
  }
}

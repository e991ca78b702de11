package dev.riskline.store;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Finding;
import dev.riskline.finding.Imports;
import dev.riskline.risk.Assessment;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of the {@code findings} table and how a finding fills them. Identity columns are written
 * as they are (a value too long for them fails the statement); the filter columns are cut to their size,
 * the body keeps the whole value. Times are stored to the microsecond.
 */
final class Rows {
  /** The columns of {@code findings} in the order the upsert binds them. */
  static final List<String> COLUMNS = List.of("finding_key", "product_arn", "finding_id", "updated_at",
      "severity_label", "severity_rank", "workflow_status", "record_state", "compliance_status", "account_id",
      "product_name", "control_id", "title", "resource_id", "customer_set", "first_seen_at", "last_seen_at",
      "risk_rating", "risk_rank", "likelihood", "impact", "clock_start", "due_at", "state", "resolved_at", "sla_met",
      "body");

  /** The columns a walk over findings selects. */
  static final String SELECTED = "finding_key, body, risk_rating, clock_start, due_at, state, resolved_at";

  private Rows() {}

  /**
   * A finding's row: its state now, who set what on it, when it was first and last stored, its risk and
   * schedule as last decided (null before the first decision), its JSON.
   */
  record Row(String key, Imports.Held held, Instant firstSeenAt, Instant lastSeenAt, Decided decided, String body) {}

  /** The risk and schedule columns. */
  record Decided(String rating, int rank, String likelihood, String impact, Instant start, Instant due,
      State state, Instant resolvedAt, Boolean slaMet) {

    static Decided of(Assessment risk, int rank, Scheduled s) {
      return new Decided(risk.rating(), rank, risk.likelihood(), risk.impact(), s.start(), s.due(), s.state(),
          s.resolvedAt(), s.slaMet());
    }

    Previous previous() {
      return new Previous(rating, start, due, state, resolvedAt);
    }
  }

  /** Binds the parameters of {@link Dialect#upsert()} for one row. */
  static void bind(PreparedStatement ps, Row row) throws SQLException {
    Finding f = row.held().finding();
    SeverityLabel severity = f.severityLabel();
    ComplianceStatus compliance = f.complianceStatus();
    List<Finding.Resource> resources = f.resources();
    int i = 0;
    ps.setString(++i, row.key());
    ps.setString(++i, f.productArn());
    ps.setString(++i, f.id());
    setTime(ps, ++i, f.updatedAt());
    ps.setString(++i, severity == null ? null : severity.name());
    ps.setInt(++i, severity == null ? -1 : severity.ordinal());
    ps.setString(++i, f.workflowStatus().name());
    ps.setString(++i, f.recordState().name());
    ps.setString(++i, compliance == null ? null : compliance.name());
    ps.setString(++i, clip(f.awsAccountId(), 64));
    ps.setString(++i, clip(f.productName(), 256));
    ps.setString(++i, clip(f.controlId(), 256));
    ps.setString(++i, clip(f.title(), 256));
    ps.setString(++i, resources.isEmpty() ? null : clip(resources.get(0).id(), 2048));
    ps.setString(++i, customerSet(row.held().customerSet()));
    setTime(ps, ++i, row.firstSeenAt());
    setTime(ps, ++i, row.lastSeenAt());
    Decided d = row.decided();
    ps.setString(++i, d == null ? null : d.rating());
    if (d == null) ps.setNull(++i, Types.INTEGER); else ps.setInt(++i, d.rank());
    ps.setString(++i, d == null ? null : d.likelihood());
    ps.setString(++i, d == null ? null : d.impact());
    setTime(ps, ++i, d == null ? null : d.start());
    setTime(ps, ++i, d == null ? null : d.due());
    ps.setString(++i, d == null ? null : d.state().name());
    setTime(ps, ++i, d == null ? null : d.resolvedAt());
    if (d == null || d.slaMet() == null) ps.setNull(++i, Types.BOOLEAN); else ps.setBoolean(++i, d.slaMet());
    ps.setString(++i, row.body());
  }

  /** The columns {@link #read} needs. */
  static final String ROW = "finding_key, customer_set, first_seen_at, last_seen_at, risk_rating, risk_rank,"
      + " likelihood, impact, clock_start, due_at, state, resolved_at, sla_met, body";

  /** A row read by {@code SELECT } {@link #ROW}. */
  static Row read(ResultSet rs) throws SQLException {
    String key = rs.getString("finding_key");
    String body = rs.getString("body");
    Imports.Held held = new Imports.Held(Bodies.read(body, key), customerSet(rs.getString("customer_set")));
    Decided decided = null;
    String state = rs.getString("state");
    if (state != null) {
      boolean met = rs.getBoolean("sla_met");
      decided = new Decided(rs.getString("risk_rating"), rs.getInt("risk_rank"), rs.getString("likelihood"),
          rs.getString("impact"), time(rs, "clock_start"), time(rs, "due_at"), State.valueOf(state),
          time(rs, "resolved_at"), rs.wasNull() ? null : met);
    }
    return new Row(key, held, time(rs, "first_seen_at"), time(rs, "last_seen_at"), decided, body);
  }

  /** The previous decision of a row read by a walk ({@link #SELECTED}), or null. */
  static Previous previous(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    if (state == null) return null;
    return new Previous(rs.getString("risk_rating"), time(rs, "clock_start"), time(rs, "due_at"),
        State.valueOf(state), time(rs, "resolved_at"));
  }

  /** The customer-set attribute names as stored: sorted, comma-separated, empty for none. */
  static String customerSet(Set<String> names) {
    return String.join(",", new TreeSet<>(names));
  }

  static Set<String> customerSet(String stored) {
    if (stored == null || stored.isBlank()) return Set.of();
    return Set.copyOf(Arrays.asList(stored.split(",")));
  }

  static void setTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The instant as the columns hold it. */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** At most {@code max} characters, never half of a surrogate pair. */
  static String clip(String value, int max) {
    if (value == null || value.length() <= max) return value;
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }
}

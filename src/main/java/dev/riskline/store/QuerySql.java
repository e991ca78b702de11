package dev.riskline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link FindingQuery} as one parameterised SELECT of the findings' bodies, in work-list order: severity
 * (CRITICAL first), then {@code UpdatedAt} newest first, then key. Values only ever travel as parameters;
 * the SQL text is made of fixed column names. Also the SQL of {@link Store#countBy}, whose column names
 * come from a fixed table.
 */
record QuerySql(String sql, List<Object> params) {
  static final String ORDER = " ORDER BY severity_rank DESC, updated_at DESC NULLS LAST, finding_key";
  static final String BY_DUE = " ORDER BY due_at NULLS LAST, risk_rank DESC NULLS LAST, finding_key";
  /** {@code \} escapes {@code %}, {@code _} and itself in LIKE patterns; the same on H2 and PostgreSQL. */
  private static final String LIKE = " LIKE ? ESCAPE '\\'";

  /** The names {@link Store#countBy} takes, and their columns. */
  private static final Map<String, String> COUNT_COLUMNS = countColumns();

  QuerySql {
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  static QuerySql of(FindingQuery q) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    in(where, params, "severity_label", q.severities());
    in(where, params, "workflow_status", q.workflowStatuses());
    in(where, params, "record_state", q.recordStates());
    in(where, params, "compliance_status", q.complianceStatuses());
    in(where, params, "account_id", q.accounts());
    in(where, params, "product_name", q.products());
    in(where, params, "control_id", q.controlIds());
    if (q.text() != null) {
      where.add("(LOWER(title)" + LIKE + " OR LOWER(finding_id)" + LIKE + " OR LOWER(resource_id)" + LIKE + ")");
      String pattern = "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%";
      params.addAll(List.of(pattern, pattern, pattern));
    }
    StringBuilder sql = new StringBuilder("SELECT " + Rows.SELECTED + " FROM findings");
    if (!where.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", where));
    sql.append(q.byDue() ? BY_DUE : ORDER);
    if (q.limit() > 0) {
      sql.append(" LIMIT ?");
      params.add(q.limit());
    }
    return new QuerySql(sql.toString(), params);
  }

  /** Counts per value of a column: value, count; most first. */
  static String countBy(String name) {
    String column = COUNT_COLUMNS.get(name);
    if (column == null) {
      throw new IllegalArgumentException("Expected one of " + COUNT_COLUMNS.keySet() + " but was " + name
          + " as the column to count by");
    }
    return "SELECT " + column + ", COUNT(*) FROM findings GROUP BY " + column + " ORDER BY COUNT(*) DESC, " + column;
  }

  void bind(PreparedStatement ps) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

  private static void in(List<String> where, List<Object> params, String column, Set<String> values) {
    if (values.isEmpty()) return;
    where.add(column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
    params.addAll(values.stream().sorted().toList());
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Map<String, String> countColumns() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("severity", "severity_label");
    m.put("workflow", "workflow_status");
    m.put("record_state", "record_state");
    m.put("compliance", "compliance_status");
    m.put("account", "account_id");
    m.put("product", "product_name");
    return Collections.unmodifiableMap(m);
  }
}

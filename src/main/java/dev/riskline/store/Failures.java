package dev.riskline.store;

import java.sql.SQLException;

/** Database error messages reduced to their reason: no SQL text, no values, no vendor codes. */
final class Failures {
  private Failures() {}

  /**
   * The reason of the innermost exception of a chain (a JDBC batch puts the real one in
   * {@code getNextException}). H2 appends the statement and {@code [code-version]}; PostgreSQL prefixes
   * {@code ERROR: } or {@code FATAL: } and appends a position or hint on further lines.
   */
  static String reason(SQLException e) {
    SQLException inner = e;
    while (inner.getNextException() != null) inner = inner.getNextException();
    String text = String.valueOf(inner.getMessage());
    int cut = text.indexOf("; SQL statement:");
    if (cut >= 0) text = text.substring(0, cut);
    cut = text.indexOf('\n');
    if (cut >= 0) text = text.substring(0, cut);
    text = text.replaceFirst("\\s*\\[\\d+-\\d+]$", "").replaceFirst("^(ERROR|FATAL): ", "").strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}

package dev.riskline.finding;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reading loosely typed JSON values: numbers that arrive as numeric strings, and describing values in errors. */
final class Values {
  private static final int SHOWN_CHARS = 80;

  private Values() {}

  /** The value as a double: a JSON number, or a string holding one ({@code "0.00239"}); else null. */
  static Double number(Object v) {
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof String s) {
      String t = s.strip();
      if (t.isEmpty() || t.length() > 40) return null;
      try {
        return new BigDecimal(t).doubleValue();
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * A value as an error message shows it: strings quoted, escaped and cut at 80 characters (hostile
   * input never reaches a terminal raw); objects and arrays by kind only.
   */
  static String describe(Object v) {
    if (v == null) return "null";
    if (v instanceof String s) return quote(s);
    if (v instanceof Map<?, ?>) return "an object";
    if (v instanceof List<?>) return "an array";
    return String.valueOf(v);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), SHOWN_CHARS) + 8).append('"');
    int n = Math.min(s.length(), SHOWN_CHARS);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
    if (s.length() > SHOWN_CHARS) b.append("… (").append(s.length()).append(" characters)");
    return b.toString();
  }
}

package dev.riskline.read;

import dev.riskline.finding.Problem;
import dev.riskline.finding.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from one object of a loosely typed JSON record (the {@code Map}/{@code List}/{@code String}/
 * {@code Number}/{@code Boolean} tree of Jackson's untyped reading). Every read that finds the wrong type
 * records a {@link Problem} with the JSON path relative to the record and returns null, so a mapping reads
 * everything it needs first and then throws one {@link BadRecord} with every problem. A value read twice
 * reports its problem once. Absent values and JSON {@code null} are the same. Not thread-safe: one
 * instance per record.
 */
final class Fields {
  private static final String TIMESTAMP =
      "expected a timestamp (ISO-8601, \"Wed Sep 04 16:59:44.356 UTC 2024\", epoch seconds or milliseconds)";
  /** Epoch numbers at or above this are milliseconds (1e11 seconds is the year 5138; 1e11 ms is 1973). */
  private static final double MILLIS_FROM = 1e11;

  private final Map<String, Object> map;
  private final String path;
  private final Set<Problem> problems;

  private Fields(Map<String, Object> map, String path, Set<Problem> problems) {
    this.map = map;
    this.path = path;
    this.problems = problems;
  }

  /** Reads from the top of a record, collecting problems in a fresh list. */
  static Fields of(Map<String, Object> record) {
    return new Fields(record, "", new LinkedHashSet<>());
  }

  /** The JSON path of a member of this object. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  Object raw(String key) {
    return map.get(key);
  }

  /** The member names, in input order. */
  Set<String> keys() {
    return map.keySet();
  }

  // ---- scalars ----

  /** A string member, or null when absent or not a string (a problem). */
  String string(String key) {
    Object v = map.get(key);
    if (v == null || v instanceof String) return (String) v;
    fail(key, "expected a string", v);
    return null;
  }

  /** A string member with text in it, or null: a blank string counts as absent. */
  String text(String key) {
    String s = string(key);
    return s == null || s.isBlank() ? null : s;
  }

  /** A string member that must be present and not blank. */
  String required(String key) {
    Object v = map.get(key);
    if (v == null) {
      missing(key);
      return null;
    }
    if (v instanceof String s && s.isBlank()) {
      fail(key, "expected a non-empty string", v);
      return null;
    }
    return string(key);
  }

  /** A string member that, when present, must be one of {@code allowed} (case-sensitive). */
  String oneOf(String key, List<String> allowed, boolean required) {
    Object v = map.get(key);
    if (v == null) {
      if (required) missing(key);
      return null;
    }
    if (v instanceof String s && allowed.contains(s)) return s;
    fail(key, "expected one of " + allowed, v);
    return null;
  }

  /** A number in {@code min..max}, given as a JSON number or a numeric string ({@code "0.00239"}). */
  Number number(String key, double min, double max) {
    Object v = map.get(key);
    if (v == null) return null;
    Number n = v instanceof Number num ? num : numeric(v);
    if (n == null || Double.isNaN(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      fail(key, "expected a number " + plain(min) + ".." + plain(max), v);
      return null;
    }
    return n;
  }

  /** A whole number member (a JSON number without fraction, kept as given), or null. */
  Number integer(String key) {
    Object v = map.get(key);
    if (v == null) return null;
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n;
    fail(key, "expected an integer", v);
    return null;
  }

  /**
   * A timestamp: an ISO-8601 string or Inspector's event form (see {@link Timestamps#parse}), or a number
   * of epoch seconds with fraction (the Inspector API) or epoch milliseconds (OCSF), told apart by size.
   */
  Instant time(String key, boolean required) {
    Object v = map.get(key);
    if (v == null) {
      if (required) missing(key);
      return null;
    }
    Instant t = v instanceof String s ? Timestamps.parse(s).orElse(null) : epoch(v);
    if (t == null) fail(key, TIMESTAMP, v);
    return t;
  }

  private static Instant epoch(Object v) {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) return null;
    BigDecimal d = new BigDecimal(n.toString());
    if (Math.abs(n.doubleValue()) >= MILLIS_FROM) d = d.movePointLeft(3);
    try {
      BigDecimal seconds = d.setScale(0, RoundingMode.FLOOR);
      long nanos = d.subtract(seconds).movePointRight(9).longValue();
      return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    } catch (ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  // ---- structures ----

  /** A member object; empty (reads give null) when absent or not an object (a problem). */
  @SuppressWarnings("unchecked")
  Fields object(String key) {
    Object v = map.get(key);
    if (v instanceof Map<?, ?> m) return new Fields((Map<String, Object>) m, path(key), problems);
    if (v != null) fail(key, "expected an object", v);
    return new Fields(Map.of(), path(key), problems);
  }

  /** The objects of a member array, each reading at {@code key[i]}; elements that are no objects are problems. */
  @SuppressWarnings("unchecked")
  List<Fields> objects(String key) {
    List<Fields> out = new ArrayList<>();
    List<?> list = list(key);
    for (int i = 0; i < list.size(); i++) {
      String at = path(key) + "[" + i + "]";
      if (list.get(i) instanceof Map<?, ?> m) {
        out.add(new Fields((Map<String, Object>) m, at, problems));
      } else {
        problems.add(Problem.expected(at, "expected an object", list.get(i)));
      }
    }
    return out;
  }

  /** The strings of a member array; elements that are no strings are problems. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    List<?> list = list(key);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String s) {
        out.add(s);
      } else {
        problems.add(Problem.expected(path(key) + "[" + i + "]", "expected a string", list.get(i)));
      }
    }
    return out;
  }

  /** A member array, empty when absent or not an array (a problem). */
  List<?> list(String key) {
    Object v = map.get(key);
    if (v instanceof List<?> l) return l;
    if (v != null) fail(key, "expected an array", v);
    return List.of();
  }

  /** A member object of string values ({@code tags}), in input order; values that are no strings are problems. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Fields m = object(key);
    for (String k : m.map.keySet()) {
      String s = m.string(k);
      if (s != null) out.put(k, s);
    }
    return out;
  }

  // ---- problems ----

  void missing(String key) {
    problems.add(new Problem(path(key), "required but missing"));
  }

  void fail(String key, String expected, Object actual) {
    problems.add(Problem.expected(path(key), expected, actual));
  }

  /** A problem at a path of its own (relative to the record). */
  void problem(String atPath, String message) {
    problems.add(new Problem(atPath, message));
  }

  /** Throws one {@link BadRecord} with every problem found so far, if there is any. */
  void throwIfAny() {
    if (!problems.isEmpty()) throw new BadRecord(List.copyOf(problems));
  }

  // ---- values ----

  /** A numeric string as a Double, else null. */
  static Double numeric(Object v) {
    if (!(v instanceof String s) || s.isBlank() || s.length() > 40) return null;
    try {
      return new BigDecimal(s.strip()).doubleValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number as Security Hub's string fields show it: {@code 7.8}, {@code 7.0}, {@code 0}. */
  static String decimal(Number n) {
    if (n instanceof Double || n instanceof Float) return BigDecimal.valueOf(n.doubleValue()).toPlainString();
    return n.toString();
  }

  static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

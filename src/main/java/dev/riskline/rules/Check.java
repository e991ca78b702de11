package dev.riskline.rules;

import dev.riskline.finding.Problem;
import dev.riskline.finding.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one rule while it is read, and reads typed values out of the rule's JSON tree:
 * each reader returns the value, or null after recording what was expected and what was found at which
 * JSON path. Messages have the shape {@code expected X but was Y}; values are shown as {@link #describe}
 * shows them. One instance per rule, used by one thread.
 */
final class Check {
  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  int count() {
    return problems.size();
  }

  void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  void fail(String path, String expected, Object actual) {
    add(path, expected + " but was " + describe(actual));
  }

  void missing(String path) {
    add(path, "required but missing");
  }

  static String at(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String at(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The object, or null after a problem. */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
    fail(path, "expected an object", value);
    return null;
  }

  /** The array, or null after a problem. */
  @SuppressWarnings("unchecked")
  List<Object> array(Object value, String path) {
    if (value instanceof List<?> l) return (List<Object>) l;
    fail(path, "expected an array", value);
    return null;
  }

  /** A criterion's array of filter objects, checked against the field's limit; null after a problem. */
  List<Object> filters(Object value, String path, int limit) {
    List<Object> list = array(value, path);
    if (list != null && list.size() > limit) {
      add(path, "expected at most " + limit + " filters but was " + list.size());
    }
    return list;
  }

  /** Records one problem per field of {@code object} that is not in {@code allowed} (sorted for the message). */
  void fields(Map<String, Object> object, String path, Collection<String> allowed) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        List<String> sorted = allowed.stream().sorted().toList();
        add(path, "expected a field name from " + sorted + " but was " + describe(key) + suggestion(key, sorted));
      }
    }
  }

  /** Records a problem when none of {@code names} is present. */
  boolean atLeastOne(Map<String, Object> object, String path, List<String> names) {
    for (String n : names) {
      if (object.containsKey(n)) return true;
    }
    add(path, "expected at least one of " + names + " but was none");
    return false;
  }

  String string(Map<String, Object> object, String key, String path, boolean required) {
    return string(object.get(key), at(path, key), required);
  }

  /** The value at {@code path} as a string; null when absent (a problem if required) or not a string. */
  String string(Object v, String path, boolean required) {
    if (v == null) {
      if (required) missing(path);
      return null;
    }
    if (v instanceof String s) return s;
    fail(path, "expected a string", v);
    return null;
  }

  /** A string of {@code min..max} characters. */
  String text(Map<String, Object> object, String key, String path, boolean required, int min, int max) {
    String s = string(object, key, path, required);
    if (s != null && (s.length() < min || s.length() > max)) {
      fail(at(path, key), "expected a string of " + min + ".." + max + " characters", s);
      return null;
    }
    return s;
  }

  Integer integer(Map<String, Object> object, String key, String path, boolean required, int min, int max) {
    return integer(object.get(key), at(path, key), required, min, max);
  }

  /** The value at {@code path} as an integer {@code min..max}. */
  Integer integer(Object v, String path, boolean required, int min, int max) {
    if (v == null) {
      if (required) missing(path);
      return null;
    }
    String expected = max == Integer.MAX_VALUE ? "expected an integer of at least " + min
        : "expected an integer " + min + ".." + max;
    if (v instanceof Number n && isIntegral(n) && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.intValue();
    }
    fail(path, expected, v);
    return null;
  }

  Double number(Map<String, Object> object, String key, String path) {
    Object v = object.get(key);
    if (v == null) return null;
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
    fail(at(path, key), "expected a number", v);
    return null;
  }

  Boolean bool(Map<String, Object> object, String key, String path) {
    Object v = object.get(key);
    if (v == null || v instanceof Boolean) return (Boolean) v;
    fail(at(path, key), "expected true or false", v);
    return null;
  }

  /** One of {@code allowed}, compared exactly (AWS enum values are case-sensitive). */
  String oneOf(Map<String, Object> object, String key, String path, boolean required, List<String> allowed) {
    return oneOf(object.get(key), at(path, key), required, allowed);
  }

  String oneOf(Object v, String path, boolean required, List<String> allowed) {
    String s = string(v, path, required);
    if (s == null || allowed.contains(s)) return s;
    fail(path, "expected one of " + allowed, s);
    return null;
  }

  Instant timestamp(Map<String, Object> object, String key, String path) {
    String s = string(object, key, path, false);
    if (s == null) return null;
    Instant t = Timestamps.parse(s).orElse(null);
    if (t == null) fail(at(path, key), "expected an ISO-8601 timestamp such as \"2026-03-13T22:38:57.161Z\"", s);
    return t;
  }

  /** A value as messages show it: strings quoted, escaped and cut at 80 characters; objects and arrays by kind. */
  static String describe(Object v) {
    return Problem.describe(v);
  }

  static String quote(String s) {
    return Problem.describe(s);
  }

  private static boolean isIntegral(Number n) {
    double d = n.doubleValue();
    return Double.isFinite(d) && d == Math.rint(d);
  }

  /** {@code (did you mean "X"?)} when a valid name differs only in case or a trailing s. */
  private static String suggestion(String key, List<String> names) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    for (String n : names) {
      String m = n.toLowerCase(java.util.Locale.ROOT);
      if (k.equals(m) || k.equals(m + "s") || m.equals(k + "s")) return " (did you mean \"" + n + "\"?)";
    }
    return "";
  }
}

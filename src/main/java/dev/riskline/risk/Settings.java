package dev.riskline.risk;

import dev.riskline.finding.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of the configuration file ({@code riskline.yaml}) read as a JSON tree, with every problem
 * collected instead of thrown: each read names the path ({@code risk.matrix.cells.HIGH[2]}), what was
 * found and what was expected, and returns the default so reading goes on. Used by each package to read
 * its own section; {@link #problems()} is shared by all sections of one file. Not thread-safe (one
 * loader).
 */
public final class Settings {
  private final Map<String, Object> node;
  private final String path;
  private final List<Problem> problems;

  private Settings(Map<String, Object> node, String path, List<Problem> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The root of a file: {@code tree} should be an object (null reads as an empty one). */
  public static Settings root(Object tree, List<Problem> problems) {
    return of(tree, "", problems);
  }

  @SuppressWarnings("unchecked")
  static Settings of(Object tree, String path, List<Problem> problems) {
    if (tree == null) return new Settings(Map.of(), path, problems);
    if (tree instanceof Map<?, ?> m) return new Settings((Map<String, Object>) m, path, problems);
    problems.add(Problem.expected(path, "expected an object", tree));
    return new Settings(Map.of(), path, problems);
  }

  /** The problems found so far, by all sections read with the same list. */
  public List<Problem> problems() {
    return problems;
  }

  public String path() {
    return path;
  }

  public boolean has(String key) {
    return node.get(key) != null;
  }

  public boolean isEmpty() {
    return node.isEmpty();
  }

  /** The raw value at {@code key}, or null. */
  public Object raw(String key) {
    return node.get(key);
  }

  /** Reports every key not in {@code allowed}, naming the valid ones. */
  public Settings allow(String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (String k : node.keySet()) {
      if (!ok.contains(k)) {
        problems.add(new Problem(at(k), "unknown setting; expected one of " + new TreeSet<>(ok)));
      }
    }
    return this;
  }

  /** The path of a key in this object. */
  public String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Item {@code i} of the list at {@code key}, read as an object ({@code routes[2]}). */
  public Settings item(String key, int i) {
    List<Object> l = list(key);
    return of(l == null || i >= l.size() ? null : l.get(i), at(key) + "[" + i + "]", problems);
  }

  /** A nested object (empty when absent). */
  public Settings section(String key) {
    return of(node.get(key), at(key), problems);
  }

  public String string(String key, String dflt) {
    Object v = node.get(key);
    if (v == null) return dflt;
    if (v instanceof String s && !s.isBlank()) return s;
    problems.add(Problem.expected(at(key), "expected a non-empty string", v));
    return dflt;
  }

  /** A string from a closed set (exact case), or the default. */
  public String oneOf(String key, Collection<String> allowed, String dflt) {
    Object v = node.get(key);
    if (v == null) return dflt;
    return checkOneOf(at(key), v, allowed, dflt);
  }

  String checkOneOf(String where, Object v, Collection<String> allowed, String dflt) {
    if (v instanceof String s && allowed.contains(s)) return s;
    problems.add(Problem.expected(where, "expected one of " + allowed, v));
    return dflt;
  }

  public boolean bool(String key, boolean dflt) {
    Object v = node.get(key);
    if (v == null) return dflt;
    if (v instanceof Boolean b) return b;
    problems.add(Problem.expected(at(key), "expected true or false", v));
    return dflt;
  }

  public int integer(String key, int dflt, int min, int max) {
    Object v = node.get(key);
    if (v == null) return dflt;
    if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      if (n >= min && n <= max) return (int) n;
    }
    problems.add(Problem.expected(at(key), "expected a whole number from " + min + " to " + max, v));
    return dflt;
  }

  public double decimal(String key, double dflt, double min, double max) {
    Object v = node.get(key);
    if (v == null) return dflt;
    if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) return n.doubleValue();
    problems.add(Problem.expected(at(key), "expected a number from " + plain(min) + " to " + plain(max), v));
    return dflt;
  }

  /** A list; a single value counts as a list of one. Null when absent. */
  public List<Object> list(String key) {
    Object v = node.get(key);
    if (v == null) return null;
    if (v instanceof List<?> l) return new ArrayList<>(l);
    return List.of(v);
  }

  /** A list of non-empty strings (a single string counts as a list of one), or the default when absent. */
  public List<String> strings(String key, List<String> dflt) {
    List<Object> l = list(key);
    if (l == null) return dflt;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Object e = l.get(i);
      if (e instanceof String s && !s.isBlank()) {
        out.add(s);
      } else if (e instanceof Number n) {
        out.add(n.toString()); // account ids written without quotes in YAML
      } else {
        problems.add(Problem.expected(at(key) + "[" + i + "]", "expected a non-empty string", e));
      }
    }
    return out;
  }

  /** An object of string values (numbers are read as their text), or the default when absent. */
  public Map<String, String> stringMap(String key, Map<String, String> dflt) {
    Object v = node.get(key);
    if (v == null) return dflt;
    if (!(v instanceof Map<?, ?> m)) {
      problems.add(Problem.expected(at(key), "expected an object", v));
      return dflt;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object value = e.getValue();
      if (value instanceof String s) {
        out.put(String.valueOf(e.getKey()), s);
      } else if (value instanceof Number || value instanceof Boolean) {
        out.put(String.valueOf(e.getKey()), value.toString());
      } else {
        problems.add(Problem.expected(at(key) + "." + e.getKey(), "expected a string", value));
      }
    }
    return out;
  }

  /** The keys of this object in file order. */
  public List<String> keys() {
    return new ArrayList<>(node.keySet());
  }

  public void problem(String where, String message) {
    problems.add(new Problem(where, message));
  }

  static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

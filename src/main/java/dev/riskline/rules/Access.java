package dev.riskline.rules;

import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How a criteria field reads its value(s) straight from a finding's JSON tree: fixed keys walked with
 * {@code Map.get}, no paths parsed per finding, nothing copied. A multi-valued attribute (one value per
 * resource, per type, per related finding) answers whether ANY of its values passes a test; an absent
 * attribute has no values, so it passes no test. Where Security Hub fills in a value before rules run
 * (reference §2.6), the reader returns that value. Stateless and thread-safe.
 */
final class Access {
  private Access() {}

  /** A string attribute, single- or multi-valued. */
  @FunctionalInterface
  interface Strings {
    /** True when some value of the attribute passes {@code test}. */
    boolean any(Map<String, Object> finding, Predicate<String> test);
  }

  /** A number attribute: its value, or null when absent. */
  @FunctionalInterface
  interface Numeric {
    Double read(Map<String, Object> finding);
  }

  /** A timestamp attribute: its instant, or null when absent or not a timestamp. */
  @FunctionalInterface
  interface Timestamp {
    Instant read(Map<String, Object> finding);
  }

  /** A string-to-string map attribute, possibly one map per resource. */
  @FunctionalInterface
  interface Entries {
    /** True when some map of the attribute has {@code key} with a value that passes {@code test}. */
    boolean any(Map<String, Object> finding, String key, Predicate<String> test);
  }

  // ---- strings ----

  static Strings top(String key) {
    return (f, test) -> passes(f.get(key), test);
  }

  static Strings nested(String object, String key) {
    return (f, test) -> passes(map(f.get(object)).get(key), test);
  }

  /** {@code object.key}, or {@code fallback} when it is absent (a value Security Hub populates). */
  static Strings nested(String object, String key, String fallback) {
    return (f, test) -> {
      Object v = map(f.get(object)).get(key);
      return v == null ? test.test(fallback) : passes(v, test);
    };
  }

  /** {@code key}, or {@code fallback} when it is absent (a value Security Hub populates). */
  static Strings topOr(String key, String fallback) {
    return (f, test) -> {
      Object v = f.get(key);
      return v == null ? test.test(fallback) : passes(v, test);
    };
  }

  /** {@code key}, else the {@code ProductFields} entry Security Hub writes the same value to. */
  static Strings topOrProductField(String key, String productField) {
    return (f, test) -> {
      Object v = f.get(key);
      return v != null ? passes(v, test) : passes(map(f.get("ProductFields")).get(productField), test);
    };
  }

  /** The strings of an array attribute such as {@code Types}. */
  static Strings elements(String key) {
    return (f, test) -> {
      for (Object o : list(f.get(key))) {
        if (passes(o, test)) return true;
      }
      return false;
    };
  }

  /** {@code key} of each object in the array {@code array}, such as {@code RelatedFindings[].Id}. */
  static Strings each(String array, String key) {
    return (f, test) -> anyIn(list(f.get(array)), key, test);
  }

  /** {@code Resources[].path...}: the value at a fixed path inside each resource. */
  static Strings resources(String... path) {
    return (f, test) -> {
      for (Object r : list(f.get("Resources"))) {
        Object v = r;
        for (String key : path) v = map(v).get(key);
        if (passes(v, test)) return true;
      }
      return false;
    };
  }

  /** {@code Compliance.AssociatedStandards[].StandardsId}. */
  static Strings associatedStandards() {
    return (f, test) -> anyIn(list(map(f.get("Compliance")).get("AssociatedStandards")), "StandardsId", test);
  }

  /** {@code Severity.Label}, else the label Security Hub derives from {@code Severity.Normalized} (§1.3). */
  static Strings severityLabel() {
    return (f, test) -> {
      Map<String, Object> severity = map(f.get("Severity"));
      Object label = severity.get("Label");
      if (label != null) return passes(label, test);
      Double n = number(severity.get("Normalized"));
      return n != null && test.test(SeverityLabel.fromNormalized(n.intValue()).name());
    };
  }

  // ---- numbers, timestamps, maps ----

  static Numeric number(String key) {
    return f -> number(f.get(key));
  }

  static Timestamp time(String key) {
    return f -> instant(f.get(key));
  }

  static Timestamp time(String object, String key) {
    return f -> instant(map(f.get(object)).get(key));
  }

  static Entries entries(String key) {
    return (f, k, test) -> passes(map(f.get(key)).get(k), test);
  }

  /** {@code Resources[].path...} as a map, one per resource. */
  static Entries resourceEntries(String... path) {
    return (f, k, test) -> {
      for (Object r : list(f.get("Resources"))) {
        Object v = r;
        for (String key : path) v = map(v).get(key);
        if (passes(map(v).get(k), test)) return true;
      }
      return false;
    };
  }

  // ---- tree helpers ----

  private static boolean passes(Object value, Predicate<String> test) {
    return value instanceof String s && test.test(s);
  }

  private static boolean anyIn(List<?> objects, String key, Predicate<String> test) {
    for (Object o : objects) {
      if (passes(map(o).get(key), test)) return true;
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  /** A JSON number, or a string holding one (ASFF producers send both); else null. */
  static Double number(Object o) {
    if (o instanceof Number n) return n.doubleValue();
    if (o instanceof String s && !s.isBlank() && s.length() <= 40) {
      try {
        return new BigDecimal(s.strip()).doubleValue();
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Instant instant(Object o) {
    return o instanceof String s ? Timestamps.parse(s).orElse(null) : null;
  }
}

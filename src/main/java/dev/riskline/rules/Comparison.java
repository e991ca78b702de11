package dev.riskline.rules;

import java.util.List;

/**
 * The comparisons of {@code StringFilter} and {@code MapFilter} in automation rules, in the model's
 * order ([SH-MODEL] {@code StringFilterComparison}; {@code CONTAINS_WORD} works only in the V2 APIs, so
 * it is not accepted here). Values compare case-sensitively. A negative comparison holds for a value when
 * its positive form does not; {@link #holds} is always the positive form.
 */
enum Comparison {
  EQUALS(false) {
    @Override
    boolean holds(String actual, String value) {
      return actual.equals(value);
    }
  },
  PREFIX(false) {
    @Override
    boolean holds(String actual, String value) {
      return actual.startsWith(value);
    }
  },
  NOT_EQUALS(true) {
    @Override
    boolean holds(String actual, String value) {
      return actual.equals(value);
    }
  },
  PREFIX_NOT_EQUALS(true) {
    @Override
    boolean holds(String actual, String value) {
      return actual.startsWith(value);
    }
  },
  CONTAINS(false) {
    @Override
    boolean holds(String actual, String value) {
      return actual.contains(value);
    }
  },
  NOT_CONTAINS(true) {
    @Override
    boolean holds(String actual, String value) {
      return actual.contains(value);
    }
  };

  /** The names a {@code StringFilter} accepts, in the model's order. */
  static final List<String> FOR_STRINGS = List.of("EQUALS", "PREFIX", "NOT_EQUALS", "PREFIX_NOT_EQUALS",
      "CONTAINS", "NOT_CONTAINS");
  /** The names a {@code MapFilter} accepts, in the model's order. */
  static final List<String> FOR_MAPS = List.of("EQUALS", "NOT_EQUALS", "CONTAINS", "NOT_CONTAINS");

  private final boolean negative;

  Comparison(boolean negative) {
    this.negative = negative;
  }

  /** True for NOT_EQUALS, PREFIX_NOT_EQUALS and NOT_CONTAINS, which exclude instead of select. */
  boolean negative() {
    return negative;
  }

  /** The positive form: equals, starts with, or contains {@code value}. */
  abstract boolean holds(String actual, String value);

  /**
   * What is wrong with these comparisons on one field, or null when they may be combined. Never allowed
   * (reference §2.3 items 4 and 6): CONTAINS with NOT_CONTAINS; EQUALS with NOT_EQUALS or
   * PREFIX_NOT_EQUALS. On string fields also (item 4, from the {@code StringFilter} documentation):
   * CONTAINS with anything but CONTAINS, NOT_CONTAINS with anything but NOT_CONTAINS. Map fields may mix
   * CONTAINS with EQUALS and NOT_CONTAINS with NOT_EQUALS, which the {@code MapFilter} documentation
   * describes as OR-ed and AND-ed. Nulls (comparisons that did not parse) are skipped; positions are the
   * filters' indexes.
   */
  static String conflict(List<Comparison> ops, boolean stringField) {
    int contains = ops.indexOf(CONTAINS);
    int notContains = ops.indexOf(NOT_CONTAINS);
    if (contains >= 0 && notContains >= 0) {
      return "expected no CONTAINS together with NOT_CONTAINS on one field but was " + pair(ops, contains, notContains);
    }
    int equals = ops.indexOf(EQUALS);
    int notEquals = firstOf(ops, NOT_EQUALS, PREFIX_NOT_EQUALS);
    if (equals >= 0 && notEquals >= 0) {
      return "expected no EQUALS together with " + ops.get(notEquals) + " on one field but was "
          + pair(ops, equals, notEquals);
    }
    if (!stringField) return null;
    if (contains >= 0) {
      int other = firstOther(ops, CONTAINS);
      if (other >= 0) {
        return "expected CONTAINS only with other CONTAINS filters but was " + pair(ops, contains, other);
      }
    }
    if (notContains >= 0) {
      int other = firstOther(ops, NOT_CONTAINS);
      if (other >= 0) {
        return "expected NOT_CONTAINS only with other NOT_CONTAINS filters but was " + pair(ops, notContains, other);
      }
    }
    return null;
  }

  private static String pair(List<Comparison> ops, int a, int b) {
    int first = Math.min(a, b);
    int second = Math.max(a, b);
    return ops.get(first) + " at [" + first + "] and " + ops.get(second) + " at [" + second + "]";
  }

  private static int firstOf(List<Comparison> ops, Comparison a, Comparison b) {
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i) == a || ops.get(i) == b) return i;
    }
    return -1;
  }

  private static int firstOther(List<Comparison> ops, Comparison kind) {
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i) != null && ops.get(i) != kind) return i;
    }
    return -1;
  }
}

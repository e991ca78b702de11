package dev.riskline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code StringFilter}s of one field (reference §2.3): the positive filters (EQUALS, PREFIX,
 * CONTAINS) are OR-ed, the negative ones (NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS) AND-ed, and when
 * both kinds are present the positives select first and the negatives then exclude. On a multi-valued
 * attribute a positive filter holds when any value matches and a negative one when no value matches; an
 * absent attribute fails the positives and passes the negatives. Immutable and thread-safe.
 */
final class StringCriterion implements Criterion {
  private final String field;
  private final Access.Strings read;
  private final Comparison[] positiveOps;
  private final String[] positiveValues;
  private final Comparison[] negativeOps;
  private final String[] negativeValues;
  private final Predicate<String> selected = this::selected;
  private final Predicate<String> excluded = this::excluded;

  private StringCriterion(String field, Access.Strings read, List<Comparison> ops, List<String> values) {
    this.field = field;
    this.read = read;
    List<Integer> pos = new ArrayList<>();
    List<Integer> neg = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) (ops.get(i).negative() ? neg : pos).add(i);
    positiveOps = pos.stream().map(ops::get).toArray(Comparison[]::new);
    positiveValues = pos.stream().map(values::get).toArray(String[]::new);
    negativeOps = neg.stream().map(ops::get).toArray(Comparison[]::new);
    negativeValues = neg.stream().map(values::get).toArray(String[]::new);
  }

  /** The criterion for {@code json}, a list of {@code {Comparison, Value}}; null after recording problems. */
  static StringCriterion compile(String field, int limit, Access.Strings read, Object json, String path,
      Check check) {
    int before = check.count();
    List<Object> filters = check.filters(json, path, limit);
    if (filters == null) return null;
    List<Comparison> ops = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String at = Check.at(path, i);
      Map<String, Object> filter = check.object(filters.get(i), at);
      if (filter == null) {
        ops.add(null);
        values.add(null);
        continue;
      }
      check.fields(filter, at, List.of("Comparison", "Value"));
      String op = check.oneOf(filter, "Comparison", at, true, Comparison.FOR_STRINGS);
      ops.add(op == null ? null : Comparison.valueOf(op));
      values.add(check.string(filter, "Value", at, true));
    }
    String conflict = Comparison.conflict(ops, true);
    if (conflict != null) check.add(path, conflict);
    return check.count() > before ? null : new StringCriterion(field, read, ops, values);
  }

  @Override
  public String field() {
    return field;
  }

  Access.Strings reader() {
    return read;
  }

  /**
   * The values one of which the field must equal for this criterion to hold, when its positive filters
   * are all EQUALS; else null (a PREFIX or CONTAINS filter, or none, may select other values).
   */
  java.util.Set<String> requiredValues() {
    if (positiveOps.length == 0) return null;
    for (Comparison c : positiveOps) {
      if (c != Comparison.EQUALS) return null;
    }
    return java.util.Set.of(java.util.Arrays.stream(positiveValues).distinct().toArray(String[]::new));
  }

  /**
   * True when holding one of the {@link #requiredValues} is all this criterion asks (no negative filters), so a
   * finding the prefilter let through for it already meets it.
   */
  boolean decidedByValues() {
    return negativeOps.length == 0 && requiredValues() != null;
  }

  @Override
  public boolean test(Subject subject) {
    if (positiveOps.length > 0 && !read.any(subject.tree(), selected)) return false;
    return negativeOps.length == 0 || !read.any(subject.tree(), excluded);
  }

  private boolean selected(String value) {
    for (int i = 0; i < positiveOps.length; i++) {
      if (positiveOps[i].holds(value, positiveValues[i])) return true;
    }
    return false;
  }

  private boolean excluded(String value) {
    for (int i = 0; i < negativeOps.length; i++) {
      if (negativeOps[i].holds(value, negativeValues[i])) return true;
    }
    return false;
  }
}

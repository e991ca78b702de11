package dev.riskline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code NumberFilter}s of one field ({@code Confidence}, {@code Criticality}). Within one filter
 * object every bound given ({@code Eq}, {@code Gt}, {@code Gte}, {@code Lt}, {@code Lte}) must hold;
 * several objects on one field are OR-ed (our choice: the documentation is silent, reference §2.3 item 8).
 * An absent attribute matches no filter. Immutable and thread-safe.
 */
final class NumberCriterion implements Criterion {
  static final List<String> BOUNDS = List.of("Eq", "Gt", "Gte", "Lt", "Lte");

  private final String field;
  private final Access.Numeric read;
  private final List<Range> ranges;

  /** One filter object; null bounds are absent. */
  record Range(Double eq, Double gt, Double gte, Double lt, Double lte) {
    boolean holds(double v) {
      return (eq == null || v == eq) && (gt == null || v > gt) && (gte == null || v >= gte)
          && (lt == null || v < lt) && (lte == null || v <= lte);
    }
  }

  private NumberCriterion(String field, Access.Numeric read, List<Range> ranges) {
    this.field = field;
    this.read = read;
    this.ranges = List.copyOf(ranges);
  }

  /** The criterion for {@code json}, a list of {@code {Eq, Gt, Gte, Lt, Lte}}; null after recording problems. */
  static NumberCriterion compile(String field, int limit, Access.Numeric read, Object json, String path,
      Check check) {
    int before = check.count();
    List<Object> filters = check.filters(json, path, limit);
    if (filters == null) return null;
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String at = Check.at(path, i);
      Map<String, Object> filter = check.object(filters.get(i), at);
      if (filter == null) continue;
      check.fields(filter, at, BOUNDS);
      check.atLeastOne(filter, at, BOUNDS);
      ranges.add(new Range(check.number(filter, "Eq", at), check.number(filter, "Gt", at),
          check.number(filter, "Gte", at), check.number(filter, "Lt", at), check.number(filter, "Lte", at)));
    }
    return check.count() > before ? null : new NumberCriterion(field, read, ranges);
  }

  @Override
  public String field() {
    return field;
  }

  @Override
  public boolean test(Subject subject) {
    if (ranges.isEmpty()) return true;
    Double v = read.read(subject.tree());
    if (v == null) return false;
    for (Range r : ranges) {
      if (r.holds(v)) return true;
    }
    return false;
  }
}

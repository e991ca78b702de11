package dev.riskline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code MapFilter}s of one map field ({@code ResourceTags}, {@code UserDefinedFields},
 * {@code ResourceDetailsOther}): {@code Key} selects the entry, the comparison tests its value. EQUALS and
 * CONTAINS filters are OR-ed, NOT_EQUALS and NOT_CONTAINS AND-ed (reference §2.3 item 6). Over several
 * resources a positive filter holds when any resource's entry matches, a negative one when none does; a
 * missing key fails the positives and passes the negatives. Immutable and thread-safe.
 */
final class MapCriterion implements Criterion {
  private final String field;
  private final Access.Entries read;
  private final List<Entry> positives;
  private final List<Entry> negatives;

  /** One filter: the key, and the positive form of its comparison on the value. */
  private record Entry(String key, Predicate<String> holds) {}

  private MapCriterion(String field, Access.Entries read, List<Entry> positives, List<Entry> negatives) {
    this.field = field;
    this.read = read;
    this.positives = List.copyOf(positives);
    this.negatives = List.copyOf(negatives);
  }

  /** The criterion for {@code json}, a list of {@code {Key, Comparison, Value}}; null after recording problems. */
  static MapCriterion compile(String field, int limit, Access.Entries read, Object json, String path, Check check) {
    int before = check.count();
    List<Object> filters = check.filters(json, path, limit);
    if (filters == null) return null;
    List<Comparison> ops = new ArrayList<>();
    List<Entry> positives = new ArrayList<>();
    List<Entry> negatives = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String at = Check.at(path, i);
      Map<String, Object> filter = check.object(filters.get(i), at);
      if (filter == null) {
        ops.add(null);
        continue;
      }
      check.fields(filter, at, List.of("Comparison", "Key", "Value"));
      String key = check.string(filter, "Key", at, true);
      String name = check.oneOf(filter, "Comparison", at, true, Comparison.FOR_MAPS);
      String value = check.string(filter, "Value", at, true);
      Comparison op = name == null ? null : Comparison.valueOf(name);
      ops.add(op);
      if (key == null || op == null || value == null) continue;
      (op.negative() ? negatives : positives).add(new Entry(key, actual -> op.holds(actual, value)));
    }
    String conflict = Comparison.conflict(ops, false);
    if (conflict != null) check.add(path, conflict);
    return check.count() > before ? null : new MapCriterion(field, read, positives, negatives);
  }

  @Override
  public String field() {
    return field;
  }

  @Override
  public boolean test(Subject subject) {
    if (!positives.isEmpty()) {
      boolean any = false;
      for (Entry e : positives) {
        if (read.any(subject.tree(), e.key(), e.holds())) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    for (Entry e : negatives) {
      if (read.any(subject.tree(), e.key(), e.holds())) return false;
    }
    return true;
  }
}

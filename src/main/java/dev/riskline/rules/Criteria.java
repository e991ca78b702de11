package dev.riskline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's {@code Criteria}, compiled: one {@link Criterion} per field given, AND-ed (reference §2.3
 * item 1). An empty {@code Criteria} object matches every finding. Immutable and thread-safe.
 */
record Criteria(List<Criterion> all) {
  Criteria {
    all = List.copyOf(all);
  }

  boolean test(Subject subject) {
    for (Criterion c : all) {
      if (!c.test(subject)) return false;
    }
    return true;
  }

  /** The criteria of {@code json} at {@code path}, or null after recording every problem in it. */
  static Criteria compile(Object json, String path, Check check) {
    Map<String, Object> object = check.object(json, path);
    if (object == null) return null;
    int before = check.count();
    check.fields(object, path, Fields.NAMES);
    List<Criterion> all = new ArrayList<>();
    for (Map.Entry<String, Object> e : object.entrySet()) {
      Field field = Fields.ALL.get(e.getKey());
      if (field == null) continue;
      Criterion c = field.compile(e.getKey(), e.getValue(), Check.at(path, e.getKey()), check);
      if (c != null) all.add(c);
    }
    return check.count() > before ? null : new Criteria(all);
  }
}

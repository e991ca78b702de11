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
    all = all.stream().sorted(java.util.Comparator.comparingInt(Criteria::cost)).toList();
  }

  /**
   * True when every criterion holds. They are kept cheapest first (a string on one top-level value
   * before one over every resource, dates last): AND does not depend on the order.
   */
  boolean test(Subject subject) {
    for (Criterion c : all) {
      if (!c.test(subject)) return false;
    }
    return true;
  }

  /** A rough cost class: strings on one value, then multi-valued and map attributes, numbers, dates. */
  private static int cost(Criterion c) {
    if (c instanceof DateCriterion) return 4;
    if (c instanceof NumberCriterion) return 3;
    if (c instanceof MapCriterion) return 2;
    String f = c.field();
    boolean manyValues = f.startsWith("Resource") || f.equals("Type") || f.startsWith("RelatedFindings")
        || f.equals("ComplianceAssociatedStandardsId");
    return manyValues ? 1 : 0;
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

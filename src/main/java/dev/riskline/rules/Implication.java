package dev.riskline.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule's criteria imply about another's, and which fields an action writes, read from the rules'
 * checked JSON. The implication test is sufficient, not complete: when it says yes, it is so for every
 * finding; when it says no, the rules may still overlap. Stateless and thread-safe.
 */
final class Implication {
  private static final Set<String> NEGATIVE = Set.of("NOT_EQUALS", "PREFIX_NOT_EQUALS", "NOT_CONTAINS");

  private Implication() {}

  /**
   * True when every finding that {@code narrow}'s criteria match, {@code wide}'s match too. Field by field
   * of {@code wide} (an empty filter list is no condition): {@code narrow} has the field, its negative
   * filters include all of {@code wide}'s, and {@code wide} has no positive filters or {@code narrow} has
   * some, all of them among {@code wide}'s (positives are OR-ed, negatives AND-ed; number and date filter
   * objects count as positives). Filters compare as JSON values, in any order.
   */
  static boolean covers(Rule wide, Rule narrow) {
    Map<String, Object> n = narrow.criteriaJson();
    for (Map.Entry<String, Object> e : wide.criteriaJson().entrySet()) {
      List<?> w = (List<?>) e.getValue();
      if (w.isEmpty()) continue;
      if (!(n.get(e.getKey()) instanceof List<?> filters) || !fieldCovers(w, filters)) return false;
    }
    return true;
  }

  private static boolean fieldCovers(List<?> wide, List<?> narrow) {
    Set<Object> widePositives = part(wide, false);
    Set<Object> narrowPositives = part(narrow, false);
    boolean positives = widePositives.isEmpty()
        || (!narrowPositives.isEmpty() && widePositives.containsAll(narrowPositives));
    return positives && part(narrow, true).containsAll(part(wide, true));
  }

  private static Set<Object> part(List<?> filters, boolean negative) {
    Set<Object> out = new HashSet<>();
    for (Object f : filters) {
      boolean isNegative = f instanceof Map<?, ?> m && NEGATIVE.contains(m.get("Comparison"));
      if (isNegative == negative) out.add(f);
    }
    return out;
  }

  /**
   * The fields a rule's action writes, as the dotted paths of {@link FieldChange#field}: {@code Note} writes
   * {@code Note.Text}, {@code Note.UpdatedBy}, {@code Note.UpdatedAt}; {@code Severity} with a label or
   * {@code Normalized} writes both, with {@code Product} also {@code Severity.Product};
   * {@code UserDefinedFields} writes {@code UserDefinedFields.<key>} per key; {@code Workflow} writes
   * {@code Workflow.Status}; the others write themselves.
   */
  static List<String> writes(Rule rule) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : rule.updatesJson().entrySet()) {
      Map<?, ?> value = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
      switch (e.getKey()) {
        case "Note" -> out.addAll(List.of("Note.Text", "Note.UpdatedBy", "Note.UpdatedAt"));
        case "Severity" -> {
          if (value.containsKey("Label") || value.containsKey("Normalized")) {
            out.addAll(List.of("Severity.Label", "Severity.Normalized"));
          }
          if (value.containsKey("Product")) out.add("Severity.Product");
        }
        case "UserDefinedFields" -> value.keySet().forEach(k -> out.add("UserDefinedFields." + k));
        case "Workflow" -> out.add("Workflow.Status");
        default -> out.add(e.getKey());
      }
    }
    return out;
  }
}

package dev.riskline.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one rule set differs from another, by rule name: rules added, rules removed, and rules whose
 * {@code RuleOrder}, {@code RuleStatus}, {@code IsTerminal}, {@code Criteria} or {@code Actions} changed
 * (descriptions, tags and timestamps do not change what a rule does). Rules sharing a name are compared in
 * file order. Immutable.
 */
record RuleDiff(List<String> added, List<String> removed, Map<String, List<String>> changed) {
  RuleDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changed));
  }

  static RuleDiff of(List<Rule> before, List<Rule> after) {
    Map<String, List<Rule>> old = byName(before);
    Map<String, List<Rule>> now = byName(after);
    List<String> added = new ArrayList<>();
    Map<String, List<String>> changed = new LinkedHashMap<>();
    for (Map.Entry<String, List<Rule>> e : now.entrySet()) {
      List<Rule> was = old.get(e.getKey());
      if (was == null) {
        added.add(e.getKey());
        continue;
      }
      List<String> how = changes(was, e.getValue());
      if (!how.isEmpty()) changed.put(e.getKey(), how);
    }
    List<String> removed = new ArrayList<>(old.keySet());
    removed.removeAll(now.keySet());
    return new RuleDiff(added, removed, changed);
  }

  private static Map<String, List<Rule>> byName(List<Rule> rules) {
    Map<String, List<Rule>> out = new LinkedHashMap<>();
    for (Rule r : rules) out.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    return out;
  }

  /** What changed between the rules of one name: {@code RuleOrder 10 → 20}, {@code Criteria}. */
  private static List<String> changes(List<Rule> was, List<Rule> is) {
    Set<String> out = new LinkedHashSet<>();
    if (was.size() != is.size()) out.add(was.size() + " rules of this name before, " + is.size() + " now");
    for (int i = 0; i < Math.min(was.size(), is.size()); i++) {
      Rule a = was.get(i);
      Rule b = is.get(i);
      if (a.order() != b.order()) out.add("RuleOrder " + a.order() + " → " + b.order());
      if (a.enabled() != b.enabled()) out.add("RuleStatus " + status(a) + " → " + status(b));
      if (a.terminal() != b.terminal()) out.add("IsTerminal " + a.terminal() + " → " + b.terminal());
      if (!Objects.equals(a.criteriaJson(), b.criteriaJson())) out.add("Criteria");
      if (!Objects.equals(a.json().get("Actions"), b.json().get("Actions"))) out.add("Actions");
    }
    return List.copyOf(out);
  }

  private static String status(Rule r) {
    return r.enabled() ? "ENABLED" : "DISABLED";
  }
}

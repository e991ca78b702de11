package dev.riskline.risk;

import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Impact: the severity label after the automation rules, mapped onto the matrix's impact axis, then moved
 * up or down by the adjustments that match (production accounts, resource tags, resource types, patterns),
 * each one a reason. Adjustments apply in the order listed and add up, each stopping at the ends of the
 * axis: on CRITICAL, +1 then -1 gives HIGH, while -1 then +1 gives CRITICAL. Immutable and thread-safe.
 */
final class Impact {
  private final Map<String, String> severity;
  private final List<Adjustment> adjustments;

  /**
   * One adjustment; every condition given must hold (accounts: the account id or name is listed; tags: a
   * resource has one of the tags, value {@code *} for any; resourceTypes: a resource has one of the types;
   * pattern: the finding matches).
   */
  record Adjustment(String name, Set<String> accounts, Map<String, String> tags, Set<String> resourceTypes,
      FindingPattern pattern, int steps) {

    /** Why it applies, or null. */
    String why(Finding f) {
      List<String> parts = new ArrayList<>();
      if (!accounts.isEmpty()) {
        if (f.awsAccountId() != null && accounts.contains(f.awsAccountId())) {
          parts.add("account " + f.awsAccountId());
        } else if (f.awsAccountName() != null && accounts.contains(f.awsAccountName())) {
          parts.add("account " + f.awsAccountName());
        } else {
          return null;
        }
      }
      if (!tags.isEmpty()) {
        String tag = tag(f);
        if (tag == null) return null;
        parts.add(tag);
      }
      if (!resourceTypes.isEmpty()) {
        String type = null;
        for (Finding.Resource r : f.resources()) {
          if (resourceTypes.contains(r.type())) {
            type = r.type();
            break;
          }
        }
        if (type == null) return null;
        parts.add("resource type " + type);
      }
      if (pattern != null) {
        if (!pattern.matches(f)) return null;
        parts.add("the pattern matches");
      }
      return String.join(", ", parts);
    }

    private String tag(Finding f) {
      for (Finding.Resource r : f.resources()) {
        for (Map.Entry<String, String> want : tags.entrySet()) {
          String v = r.tags().get(want.getKey());
          if (v != null && (want.getValue().equals("*") || want.getValue().equals(v))) {
            return "tag " + want.getKey() + "=" + v + " on " + r.id();
          }
        }
      }
      return null;
    }
  }

  Impact(Map<String, String> severity, List<Adjustment> adjustments) {
    this.severity = Map.copyOf(severity);
    this.adjustments = List.copyOf(adjustments);
  }

  static Impact defaults(Preset p) {
    return new Impact(p.severityToImpact(), List.of());
  }

  static Impact read(Settings s, Preset p, Matrix m) {
    s.allow("severity", "adjustments");
    Map<String, String> severity = new LinkedHashMap<>(p.severityToImpact());
    Settings sev = s.section("severity").allow("LOW", "MEDIUM", "HIGH", "CRITICAL");
    for (String label : List.of("LOW", "MEDIUM", "HIGH", "CRITICAL")) {
      String dflt = severity.get(label);
      if (!m.impacts().contains(dflt) && !sev.has(label)) {
        sev.problem(sev.at(label), "missing; the preset's " + dflt + " is not an impact of this matrix " + m.impacts());
      } else {
        severity.put(label, sev.oneOf(label, m.impacts(), dflt));
      }
    }
    List<Adjustment> adjustments = new ArrayList<>();
    List<Object> list = s.list("adjustments");
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        Settings a = Settings.of(list.get(i), s.at("adjustments") + "[" + i + "]", s.problems());
        a.allow("name", "accounts", "tags", "resourceTypes", "pattern", "steps");
        String name = a.string("name", "adjustment " + (i + 1));
        Set<String> accounts = Set.copyOf(a.strings("accounts", List.of()));
        Map<String, String> tags = a.stringMap("tags", Map.of());
        Set<String> types = Set.copyOf(a.strings("resourceTypes", List.of()));
        FindingPattern pattern = a.has("pattern") ? FindingPattern.read(a, "pattern") : null;
        if (accounts.isEmpty() && tags.isEmpty() && types.isEmpty() && !a.has("pattern")) {
          a.problem(a.path(), "expected at least one of accounts, tags, resourceTypes or pattern");
        }
        int steps = a.integer("steps", 1, -(m.impacts().size() - 1), m.impacts().size() - 1);
        if (steps == 0) a.problem(a.at("steps"), "expected a non-zero number of steps, e.g. 1 or -1");
        adjustments.add(new Adjustment(name, accounts, tags, types, pattern, steps));
      }
    }
    return new Impact(severity, adjustments);
  }

  /** The impact label, or null for INFORMATIONAL findings (no rating); adds the reasons. */
  String decide(Finding f, Matrix m, List<Reason> reasons) {
    SeverityLabel label = f.severityLabel();
    if (label == null || label == SeverityLabel.INFORMATIONAL) {
      reasons.add(new Reason("severity", "severity " + (label == null ? "missing" : "INFORMATIONAL")
          + " → no risk rating and no due date"));
      return null;
    }
    String impact = severity.get(label.name());
    reasons.add(new Reason("severity", "severity " + label + " → impact " + impact));
    for (Adjustment a : adjustments) {
      String why = a.why(f);
      if (why == null) continue;
      String moved = m.shiftImpact(impact, a.steps());
      reasons.add(new Reason("adjustment", a.name() + " (" + why + "): impact " + impact
          + (moved.equals(impact) ? " stays " + impact + " (end of the scale)" : " → " + moved)));
      impact = moved;
    }
    return impact;
  }
}

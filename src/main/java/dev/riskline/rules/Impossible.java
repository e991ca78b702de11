package dev.riskline.rules;

import dev.riskline.finding.Asff;
import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.VerificationState;
import dev.riskline.finding.Asff.WorkflowStatus;
import dev.riskline.finding.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Criteria that can never hold, found in a rule's checked JSON: values outside the enum of
 * {@code SeverityLabel}, {@code WorkflowStatus}, {@code RecordState}, {@code ComplianceStatus} and
 * {@code VerificationState} (findings are validated, so they only carry those values); filters that
 * exclude every enum value; a {@code PREFIX} whose every value a {@code PREFIX_NOT_EQUALS} excludes; number
 * bounds that leave no value of {@code Confidence} or {@code Criticality} (0..100); a date {@code Start}
 * after its {@code End}. Each message says where, what, what follows from it and what to do. Stateless
 * and thread-safe.
 */
final class Impossible {
  /** An enum attribute's values, and whether every finding has one (rules read a default when absent). */
  private record Domain(List<String> values, boolean alwaysPresent) {}

  private static final Map<String, Domain> ENUMS = Map.of(
      "SeverityLabel", new Domain(Asff.names(SeverityLabel.class), true),
      "WorkflowStatus", new Domain(Asff.names(WorkflowStatus.class), true),
      "RecordState", new Domain(Asff.names(RecordState.class), true),
      "ComplianceStatus", new Domain(Asff.names(ComplianceStatus.class), false),
      "VerificationState", new Domain(Asff.names(VerificationState.class), false));

  /** The bounds of {@code Confidence} and {@code Criticality}, as findings are validated. */
  private static final double SCORE_MIN = 0;
  private static final double SCORE_MAX = 100;
  /** Stands for the effect in a message until all filters of the field are seen; quoted values cannot hold it. */
  private static final String EFFECT = "\u0000effect\u0000";

  private Impossible() {}

  /** What in the rule's criteria can never hold, one message each, in the order of the criteria. */
  static List<String> check(Rule rule) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : rule.criteriaJson().entrySet()) {
      String field = e.getKey();
      List<Map<String, Object>> filters = filters(e.getValue());
      String path = "Criteria." + field;
      Field kind = Fields.ALL.get(field);
      if (ENUMS.containsKey(field)) {
        enumField(path, field, ENUMS.get(field), filters, out);
      } else if (kind instanceof Field.OfStrings) {
        prefixes(path, filters, out);
      } else if (kind instanceof Field.OfNumbers) {
        numbers(path, field, filters, out);
      } else if (kind instanceof Field.OfDates) {
        dates(path, filters, out);
      }
    }
    return out;
  }

  private static void enumField(String path, String field, Domain domain, List<Map<String, Object>> filters,
      List<String> out) {
    boolean anyPasses = domain.values().stream().anyMatch(v -> passes(v, filters));
    boolean positives = filters.stream().anyMatch(f -> !op(f).negative());
    boolean never = !anyPasses && (domain.alwaysPresent() || positives);
    int before = out.size();
    for (int i = 0; i < filters.size(); i++) {
      Comparison op = op(filters.get(i));
      String value = value(filters.get(i));
      if (domain.values().stream().anyMatch(v -> op.holds(v, value))) continue;
      String effect = op.negative() ? "so this filter excludes nothing" : effect(never);
      String upper = value.toUpperCase(Locale.ROOT);
      String fix = domain.values().contains(upper) ? "use " + Check.quote(upper) : "use one of the values listed";
      out.add(path + "[" + i + "]: " + op + " " + Check.quote(value) + " matches no " + field + " value "
          + domain.values() + " (values are case-sensitive), " + effect + "; " + fix);
    }
    if (never && out.size() == before) {
      out.add(path + ": the filters exclude every " + field + " value " + domain.values()
          + ", so this rule never matches; remove the filters that exclude the values you mean");
    }
  }

  /** Positive filters select (OR), negative ones then exclude (AND). */
  private static boolean passes(String value, List<Map<String, Object>> filters) {
    boolean positives = false;
    boolean selected = false;
    for (Map<String, Object> f : filters) {
      Comparison op = op(f);
      boolean holds = op.holds(value, value(f));
      if (op.negative() && holds) return false;
      if (!op.negative()) {
        positives = true;
        selected |= holds;
      }
    }
    return !positives || selected;
  }

  private static void prefixes(String path, List<Map<String, Object>> filters, List<String> out) {
    List<String> found = new ArrayList<>();
    int positives = 0;
    for (int i = 0; i < filters.size(); i++) {
      Comparison op = op(filters.get(i));
      if (op.negative()) continue;
      positives++;
      String prefix = value(filters.get(i));
      for (int j = 0; op == Comparison.PREFIX && j < filters.size(); j++) {
        String excluded = value(filters.get(j));
        if (op(filters.get(j)) == Comparison.PREFIX_NOT_EQUALS && prefix.startsWith(excluded)) {
          found.add(path + "[" + i + "]: PREFIX " + Check.quote(prefix) + " is excluded by PREFIX_NOT_EQUALS "
              + Check.quote(excluded) + " at [" + j + "] (every value that starts with the one starts with the other), "
              + EFFECT + "; remove one of the two");
          break;
        }
      }
    }
    finish(found, positives > 0 && found.size() == positives, out);
  }

  private static void numbers(String path, String field, List<Map<String, Object>> filters, List<String> out) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      Map<String, Object> f = filters.get(i);
      if (!emptyRange(f)) continue;
      found.add(path + "[" + i + "]: no " + field + " (0..100) is " + describe(f)
          + ", " + EFFECT + "; fix the bounds");
    }
    finish(found, found.size() == filters.size(), out);
  }

  private static void dates(String path, List<Map<String, Object>> filters, List<String> out) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      Map<String, Object> f = filters.get(i);
      Instant start = f.get("Start") instanceof String s ? Timestamps.parse(s).orElse(null) : null;
      Instant end = f.get("End") instanceof String s ? Timestamps.parse(s).orElse(null) : null;
      if (start == null || end == null || !start.isAfter(end)) continue;
      found.add(path + "[" + i + "]: Start " + Check.quote((String) f.get("Start")) + " is after End "
          + Check.quote((String) f.get("End")) + ", " + EFFECT + "; swap Start and End");
    }
    finish(found, found.size() == filters.size(), out);
  }

  /** Puts the effect into each message found on one field: the rule never matches when every filter is dead. */
  private static void finish(List<String> found, boolean never, List<String> out) {
    for (String f : found) out.add(f.replace(EFFECT, effect(never)));
  }

  /** True when no value of {@code SCORE_MIN..SCORE_MAX} satisfies every bound of the filter object. */
  private static boolean emptyRange(Map<String, Object> f) {
    double low = SCORE_MIN;
    boolean lowOpen = false;
    double high = SCORE_MAX;
    boolean highOpen = false;
    for (String bound : NumberCriterion.BOUNDS) {
      if (!(f.get(bound) instanceof Number n)) continue;
      double v = n.doubleValue();
      boolean open = bound.equals("Gt") || bound.equals("Lt");
      if (!bound.startsWith("L") && (v > low || (v == low && open))) {
        low = v;
        lowOpen = open;
      }
      if (!bound.startsWith("G") && (v < high || (v == high && open))) {
        high = v;
        highOpen = open;
      }
    }
    return low > high || (low == high && (lowOpen || highOpen));
  }

  /** The bounds as a phrase: {@code >= 80 and <= 50}. */
  private static String describe(Map<String, Object> f) {
    List<String> parts = new ArrayList<>();
    for (String bound : NumberCriterion.BOUNDS) {
      if (f.get(bound) == null) continue;
      String sign = switch (bound) {
        case "Eq" -> "=";
        case "Gt" -> ">";
        case "Gte" -> ">=";
        case "Lt" -> "<";
        default -> "<=";
      };
      parts.add(sign + " " + f.get(bound));
    }
    return String.join(" and ", parts);
  }

  private static String effect(boolean never) {
    return never ? "so this rule never matches" : "so this filter never matches";
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> filters(Object json) {
    return (List<Map<String, Object>>) json;
  }

  private static Comparison op(Map<String, Object> filter) {
    return Comparison.valueOf((String) filter.get("Comparison"));
  }

  private static String value(Map<String, Object> filter) {
    return (String) filter.get("Value");
  }
}

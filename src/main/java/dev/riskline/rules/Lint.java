package dev.riskline.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@link RuleSet#lint}, rule by rule in file order: criteria that can never hold
 * ({@link Impossible}); a rule that never runs because an earlier terminal rule matches every finding it
 * matches; a control id such as {@code Config.1} under CONTAINS or PREFIX, which also matches
 * {@code Config.10}; action fields always overwritten by a later rule; a name or {@code RuleOrder} used
 * before; a {@code DISABLED} rule (information). "Matches every finding it matches" is
 * {@link Implication#covers}, a test that never claims too much. Stateless and thread-safe.
 */
final class Lint {
  private static final Set<String> CONTROL_FIELDS = Set.of("GeneratorId", "ComplianceSecurityControlId");
  private static final Set<Comparison> LOOSE = Set.of(Comparison.CONTAINS, Comparison.PREFIX,
      Comparison.NOT_CONTAINS, Comparison.PREFIX_NOT_EQUALS);
  /** A control id at the end of a value: {@code Config.1}, {@code security-control/S3.1}. */
  private static final Pattern CONTROL_ID = Pattern.compile("([A-Za-z][A-Za-z0-9]*\\.[0-9]+)$");

  private Lint() {}

  static List<LintWarning> check(List<Rule> all, List<Rule> evaluated) {
    List<LintWarning> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Rule rule = all.get(i);
      List<String> warnings = new ArrayList<>(Impossible.check(rule));
      int position = evaluated.indexOf(rule);
      if (position >= 0) shadowed(evaluated, position, warnings);
      controlIds(rule, warnings);
      if (position >= 0) overwritten(evaluated, position, warnings);
      duplicates(all, i, warnings);
      for (String w : warnings) out.add(new LintWarning(rule.where(), w, false));
      if (!rule.enabled()) {
        out.add(new LintWarning(rule.where(), "RuleStatus is DISABLED, so this rule never runs; set RuleStatus "
            + "ENABLED when it should run, or delete it", true));
      }
    }
    return out;
  }

  /** The first earlier terminal rule that matches every finding this one matches: this one never runs. */
  private static void shadowed(List<Rule> evaluated, int position, List<String> out) {
    Rule rule = evaluated.get(position);
    for (int i = 0; i < position; i++) {
      Rule earlier = evaluated.get(i);
      if (earlier.terminal() && Implication.covers(earlier, rule)) {
        String fix = earlier.order() > 1
            ? "give this rule a RuleOrder lower than " + earlier.order() + ", or make " + Check.quote(earlier.name())
                + " non-terminal"
            : "give " + Check.quote(earlier.name()) + " a RuleOrder higher than " + rule.order()
                + ", or make it non-terminal";
        out.add("never runs: the terminal " + named(earlier) + " runs before it and matches every finding "
            + "this rule matches; " + fix);
        return;
      }
    }
  }

  private static void controlIds(Rule rule, List<String> out) {
    for (Map.Entry<String, Object> e : rule.criteriaJson().entrySet()) {
      if (!CONTROL_FIELDS.contains(e.getKey())) continue;
      List<?> filters = (List<?>) e.getValue();
      for (int i = 0; i < filters.size(); i++) {
        Map<?, ?> f = (Map<?, ?>) filters.get(i);
        Comparison op = Comparison.valueOf((String) f.get("Comparison"));
        String value = (String) f.get("Value");
        Matcher m = CONTROL_ID.matcher(value);
        if (!LOOSE.contains(op) || !m.find()) continue;
        out.add("Criteria." + e.getKey() + "[" + i + "]: " + op + " " + Check.quote(value) + " also "
            + (op.negative() ? "excludes" : "matches") + " longer ids such as " + Check.quote(value + "0") + "; "
            + exact(e.getKey(), op, value, m.group(1)));
      }
    }
  }

  private static String exact(String field, Comparison op, String value, String control) {
    String equals = op.negative() ? "NOT_EQUALS" : "EQUALS";
    if (field.equals("ComplianceSecurityControlId")) return "use " + equals + " " + Check.quote(value);
    String whole = value.contains("/") ? value : "security-control/" + control;
    return "use " + equals + " with the whole GeneratorId, such as " + Check.quote(whole)
        + ", or ComplianceSecurityControlId " + equals + " " + Check.quote(control);
  }

  /**
   * The fields this rule writes that a later rule always overwrites: one that runs after it on every finding
   * it matches (its criteria are covered by this rule's) and writes the same field. A terminal rule on the way
   * ends the search: it may stop the rules after it.
   */
  private static void overwritten(List<Rule> evaluated, int position, List<String> out) {
    Rule rule = evaluated.get(position);
    if (rule.terminal()) return;
    Set<String> left = new LinkedHashSet<>(Implication.writes(rule));
    for (int i = position + 1; i < evaluated.size() && !left.isEmpty(); i++) {
      Rule later = evaluated.get(i);
      if (Implication.covers(later, rule)) {
        List<String> lost = new ArrayList<>(left);
        lost.retainAll(Implication.writes(later));
        if (!lost.isEmpty()) {
          left.removeAll(lost);
          out.add("Actions: " + String.join(", ", lost) + (lost.size() == 1 ? " is" : " are")
              + " always overwritten by " + named(later) + ", which runs later on every finding this rule "
              + "matches; remove " + (lost.size() == 1 ? "it" : "them") + " from one of the two rules, or make "
              + "this rule terminal");
        }
      }
      if (later.terminal()) return;
    }
  }

  /** A name or an enabled rule's {@code RuleOrder} that an earlier rule (in file order) already has. */
  private static void duplicates(List<Rule> all, int index, List<String> out) {
    Rule rule = all.get(index);
    for (int i = 0; i < index; i++) {
      if (all.get(i).name().equals(rule.name())) {
        out.add("the name is also used by " + named(all.get(i)) + "; give each rule its own name, so that "
            + "reports and simulations can tell them apart");
        break;
      }
    }
    for (int i = 0; i < index && rule.enabled(); i++) {
      Rule other = all.get(i);
      if (other.enabled() && other.order() == rule.order()) {
        out.add("RuleOrder " + rule.order() + " is also the order of " + named(other) + "; Security Hub runs tied "
            + "rules by UpdatedAt, the less recently edited first, so their order changes when either is edited; "
            + "give each rule its own RuleOrder");
        break;
      }
    }
  }

  /** Another rule, named in a message: {@code rule "Catch all" (rules/a.json, rule 1)}. */
  private static String named(Rule r) {
    return "rule " + Check.quote(r.name()) + " (" + r.source() + ", rule " + r.index() + ")";
  }
}

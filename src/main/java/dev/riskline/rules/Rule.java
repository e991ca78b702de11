package dev.riskline.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One automation rule as loaded: the {@code CreateAutomationRule} fields (or those of an
 * {@code AutomationRulesConfig} from {@code batch-get-automation-rules}) with criteria and action compiled,
 * and where it came from. Immutable and thread-safe.
 *
 * @param name {@code RuleName}; names need not be unique
 * @param order {@code RuleOrder}, 1..1000, lower first
 * @param enabled {@code RuleStatus} is ENABLED (the default here)
 * @param terminal {@code IsTerminal}, default false
 * @param updatedAt {@code UpdatedAt} of a rule exported from Security Hub, or null; breaks order ties
 * @param source the file (or name) the rule was read from
 * @param index the rule's 1-based position in its source
 */
record Rule(String name, int order, boolean enabled, String description, boolean terminal, Criteria criteria,
    Action action, Instant updatedAt, String source, int index) {
  Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(action, "action");
  }

  /** How messages name the rule: {@code rules/prod.json: rule "Elevate prod" (1)}. */
  String where() {
    return where(source, name, index);
  }

  static String where(String source, String name, int index) {
    return source + ": rule " + (name == null ? "" : Check.quote(name) + " ") + "(" + index + ")";
  }
}

package dev.riskline.rules;

import java.time.Instant;
import java.util.Map;
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
 * @param json the rule object as read (checked, immutable), for tools that compare rules (lint, simulation)
 */
record Rule(String name, int order, boolean enabled, String description, boolean terminal, Criteria criteria,
    Action action, Instant updatedAt, String source, int index, Map<String, Object> json) {
  Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(json, "json");
  }

  /** The {@code Criteria} object as read: field name → list of filter objects. */
  @SuppressWarnings("unchecked")
  Map<String, Object> criteriaJson() {
    return (Map<String, Object>) json.get("Criteria");
  }

  /** The {@code FindingFieldsUpdate} object of the rule's one action, as read. */
  @SuppressWarnings("unchecked")
  Map<String, Object> updatesJson() {
    Map<String, Object> action = (Map<String, Object>) ((java.util.List<?>) json.get("Actions")).get(0);
    return (Map<String, Object>) action.get("FindingFieldsUpdate");
  }

  /** How messages name the rule: {@code rules/prod.json: rule "Elevate prod" (1)}. */
  String where() {
    return where(source, name, index);
  }

  static String where(String source, String name, int index) {
    return source + ": rule " + (name == null ? "" : Check.quote(name) + " ") + "(" + index + ")";
  }
}

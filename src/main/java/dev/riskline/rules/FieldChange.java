package dev.riskline.rules;

import java.util.Objects;

/**
 * One value a rule's action changed: the rule's name, the field as a dotted ASFF path
 * ({@code Severity.Label}, {@code Note.Text}, {@code UserDefinedFields.team}, {@code Types}), and the value
 * before and after, as JSON tree values ({@code String}, {@code Integer}, {@code Double}, {@code List},
 * {@code Map}; null when absent). Only real changes are recorded: a rule that sets a field to the value it
 * already has leaves no change. Immutable when its values are (they are, as {@link RuleSet#apply} makes them).
 *
 * @param rule the {@code RuleName} of the rule that made the change
 * @param field the changed attribute as a dotted path
 * @param before the value before this rule acted (after earlier rules), or null
 * @param after the value this rule wrote
 */
public record FieldChange(String rule, String field, Object before, Object after) {
  public FieldChange {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(field, "field");
  }
}

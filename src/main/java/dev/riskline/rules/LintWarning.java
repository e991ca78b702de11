package dev.riskline.rules;

import java.util.Objects;

/**
 * One finding of {@link RuleSet#lint}: where (the rule's file, name and 1-based position), what is wrong
 * and what to do. A warning marks something no team should ship; information ({@code info}) marks
 * something worth knowing that may be intended, such as a {@code DISABLED} rule. Immutable.
 *
 * @param where the rule: {@code rules/prod.json: rule "Elevate prod" (1)}
 * @param message what was found, why it matters and what to do
 * @param info true for information, false for a warning
 */
public record LintWarning(String where, String message, boolean info) {
  public LintWarning {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  /** The warning as one line: {@code <file>: rule "<name>" (<index>): warning: <message>} (or {@code info:}). */
  public String line() {
    return where + ": " + (info ? "info" : "warning") + ": " + message;
  }

  @Override
  public String toString() {
    return line();
  }
}

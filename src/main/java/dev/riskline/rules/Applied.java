package dev.riskline.rules;

import dev.riskline.finding.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RuleSet#apply} did to one finding. Immutable: the lists are copies, and the result is a new
 * {@link Finding} that shares unchanged nested values with the provider finding, never changing them.
 *
 * @param result the finding after every matching rule's action; the very provider finding when no rule
 *     matched
 * @param matchedRules the names of the rules that matched, in the order their actions were applied
 *     (a terminal rule is the last)
 * @param changes every value the actions changed, in order; a field changed by two rules appears twice
 */
public record Applied(Finding result, List<String> matchedRules, List<FieldChange> changes) {
  public Applied {
    Objects.requireNonNull(result, "result");
    matchedRules = List.copyOf(matchedRules);
    changes = List.copyOf(changes);
  }

  /** True when at least one rule matched. */
  public boolean matched() {
    return !matchedRules.isEmpty();
  }
}

package dev.riskline.rules;

import dev.riskline.finding.RisklineException;
import java.util.List;

/**
 * Rule files that cannot be loaded: bad input (exit code 2, HTTP 4xx). Carries every problem found, not
 * only the first, one line each: {@code <file>: rule "<RuleName>" (<index>): <json path>: <message>}, or
 * {@code <file>: <message>} for a problem with a whole file. The message is the lines joined by newlines.
 * Immutable.
 */
public final class RulesException extends RisklineException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public RulesException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems),
        "Fix each line: it names the file, the rule (name and 1-based position) and the JSON path.", true, null);
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) throw new IllegalArgumentException("a rules exception needs a problem");
  }

  /** Every problem, in file order. */
  public List<String> problems() {
    return problems;
  }
}

package dev.riskline.read;

import dev.riskline.finding.Problem;
import java.util.List;
import java.util.Objects;

/**
 * Why a record, or a whole input, could not be read: the input's name, the record's 1-based number in
 * it (0 when the input as a whole failed), the line and column where known (0 otherwise), and every
 * problem with its JSON path. One rejection prints as one line per problem:
 * {@code findings.json: record 12: Compliance.Status: expected one of [PASSED, WARNING, FAILED, NOT_AVAILABLE] but was "INFOED"}.
 */
public record Rejection(String source, long record, long line, long column, List<Problem> problems) {
  public Rejection {
    Objects.requireNonNull(source, "source");
    problems = List.copyOf(problems);
    if (problems.isEmpty()) throw new IllegalArgumentException("a rejection needs a problem");
  }

  /** The lines this rejection prints, one per problem. */
  public List<String> lines() {
    StringBuilder where = new StringBuilder(source);
    if (record > 0) where.append(": record ").append(record);
    if (line > 0) where.append(": line ").append(line).append(", column ").append(column);
    String prefix = where.append(": ").toString();
    return problems.stream().map(p -> prefix + p).toList();
  }

  @Override
  public String toString() {
    return String.join(System.lineSeparator(), lines());
  }
}

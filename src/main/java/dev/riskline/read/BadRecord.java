package dev.riskline.read;

import dev.riskline.finding.Problem;
import java.util.List;

/** Thrown by a format mapping when a record cannot become a finding; carries every problem found. */
final class BadRecord extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  BadRecord(List<Problem> problems) {
    super(problems.toString(), null, false, false);
    this.problems = List.copyOf(problems);
  }

  BadRecord(String path, String message) {
    this(List.of(new Problem(path, message)));
  }

  List<Problem> problems() {
    return problems;
  }
}

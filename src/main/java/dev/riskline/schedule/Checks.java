package dev.riskline.schedule;

import dev.riskline.finding.RisklineException;
import dev.riskline.risk.FindingPattern;
import java.time.Instant;
import java.util.Objects;

/**
 * The checks acceptances and their requests share; each failure is bad input saying where, what was found
 * and what was expected.
 */
final class Checks {
  /** Longest owner or revoker name. */
  static final int MAX_NAME = 256;
  /** Longest reason. */
  static final int MAX_REASON = 1024;
  /** Longest finding Id (ASFF's limit). */
  static final int MAX_FINDING_ID = 512;
  /** Longest control or vulnerability id. */
  static final int MAX_ID = 256;

  private Checks() {}

  /** Non-blank text of at most {@code max} characters. */
  static String text(String where, String value, int max, String expected) {
    if (value == null || value.isBlank()) {
      throw bad(where + ": expected " + expected + " but was " + (value == null ? "nothing" : "blank"));
    }
    if (value.length() > max) {
      throw bad(where + ": expected " + expected + " of at most " + String.format("%,d", max) + " characters but was "
          + String.format("%,d", value.length()) + " characters");
    }
    return value;
  }

  /**
   * The value of a scope, checked: ids are exact, so they may not start or end with spaces; a pattern must
   * parse, and is returned as its compact JSON.
   */
  static String value(String where, Acceptance.Scope scope, String value) {
    Objects.requireNonNull(scope, "scope");
    if (scope == Acceptance.Scope.PATTERN) {
      if (value == null || value.isBlank()) text(where, value, FindingPattern.MAX_LENGTH, expected(scope));
      return FindingPattern.parse(value, where).json();
    }
    int max = scope == Acceptance.Scope.FINDING ? MAX_FINDING_ID : MAX_ID;
    text(where, value, max, expected(scope));
    if (!value.strip().equals(value)) {
      throw bad(where + ": expected " + expected(scope) + " without spaces around it but was \"" + value + "\"");
    }
    return value;
  }

  static String expected(Acceptance.Scope scope) {
    return switch (scope) {
      case FINDING -> "a finding Id (as in ASFF) or its identity key";
      case CONTROL -> "a security control id such as Config.1";
      case CVE -> "a vulnerability id such as CVE-2024-3094";
      case PATTERN -> "an EventBridge pattern over a finding's fields";
    };
  }

  static Instant time(String where, Instant value) {
    if (value == null) throw bad(where + ": expected a time but was nothing");
    return value;
  }

  static RisklineException bad(String message) {
    return RisklineException.badInput(message, null);
  }
}

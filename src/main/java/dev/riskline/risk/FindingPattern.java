package dev.riskline.risk;

import dev.riskline.finding.Finding;

/** Placeholder until the pattern matcher lands. */
public final class FindingPattern {
  static FindingPattern read(Settings s, String key) {
    return null;
  }

  public boolean matches(Finding f) {
    return false;
  }
}

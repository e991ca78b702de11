package dev.riskline.risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named starting point for the risk configuration: the matrix, how Security Hub severities map onto its
 * impact axis, the likelihood each rung of the evidence ladder gives, the SSVC outcome for each rating and
 * the default days to fix each rating. Everything can be overridden in {@code riskline.yaml}.
 *
 * @param severityToImpact severity label (LOW, MEDIUM, HIGH, CRITICAL) → impact label
 * @param ladder rung (kev, high, medium, low, control, publicControl) → likelihood label
 * @param ssvcOutcomes SSVC outcome (TRACK, TRACK_STAR, ATTEND, ACT) → rating label
 * @param slaDays rating → days to fix (absent: no due date)
 */
record Preset(String name, Matrix matrix, Map<String, String> severityToImpact, Map<String, String> ladder,
    Map<String, String> ssvcOutcomes, Map<String, Integer> slaDays) {

  static final List<String> NAMES = List.of("default", "nist-800-30", "owasp");

  static Preset named(String name) {
    return switch (name) {
      case "default" -> DEFAULT;
      case "nist-800-30" -> NIST;
      case "owasp" -> OWASP;
      default -> throw new IllegalArgumentException("unknown preset " + name + "; expected one of " + NAMES);
    };
  }

  private static final List<String> FOUR = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

  /** ARCHITECTURE.md: symmetric, monotone; Critical only when both axes are at least High. */
  static final Preset DEFAULT = new Preset("default",
      Matrix.of("default", FOUR, FOUR, FOUR, new String[][] {
          {"HIGH", "HIGH", "CRITICAL", "CRITICAL"},
          {"MEDIUM", "HIGH", "HIGH", "CRITICAL"},
          {"LOW", "MEDIUM", "HIGH", "HIGH"},
          {"LOW", "LOW", "MEDIUM", "HIGH"}}),
      map("LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"),
      map("kev", "CRITICAL", "high", "HIGH", "medium", "MEDIUM", "low", "LOW", "control", "MEDIUM",
          "publicControl", "HIGH"),
      map("TRACK", "LOW", "TRACK_STAR", "MEDIUM", "ATTEND", "HIGH", "ACT", "CRITICAL"),
      days("CRITICAL", 7, "HIGH", 30, "MEDIUM", 90, "LOW", 180));

  private static final List<String> FIVE = List.of("VERY_LOW", "LOW", "MODERATE", "HIGH", "VERY_HIGH");

  /** NIST SP 800-30 Rev. 1, Table I-2: impact-weighted (Very Low impact is always Very Low risk). */
  static final Preset NIST = new Preset("nist-800-30",
      Matrix.of("nist-800-30", FIVE, FIVE, FIVE, new String[][] {
          {"VERY_LOW", "LOW", "MODERATE", "HIGH", "VERY_HIGH"},
          {"VERY_LOW", "LOW", "MODERATE", "HIGH", "VERY_HIGH"},
          {"VERY_LOW", "LOW", "MODERATE", "MODERATE", "HIGH"},
          {"VERY_LOW", "LOW", "LOW", "LOW", "MODERATE"},
          {"VERY_LOW", "VERY_LOW", "VERY_LOW", "LOW", "LOW"}}),
      map("LOW", "LOW", "MEDIUM", "MODERATE", "HIGH", "HIGH", "CRITICAL", "VERY_HIGH"),
      map("kev", "VERY_HIGH", "high", "HIGH", "medium", "MODERATE", "low", "LOW", "control", "MODERATE",
          "publicControl", "HIGH"),
      map("TRACK", "LOW", "TRACK_STAR", "MODERATE", "ATTEND", "HIGH", "ACT", "VERY_HIGH"),
      days("VERY_HIGH", 7, "HIGH", 30, "MODERATE", 90, "LOW", 180, "VERY_LOW", 365));

  private static final List<String> THREE = List.of("LOW", "MEDIUM", "HIGH");

  /** OWASP Risk Rating Methodology, Overall Risk Severity (3×3, ratings Note to Critical). */
  static final Preset OWASP = new Preset("owasp",
      Matrix.of("owasp", THREE, THREE, List.of("NOTE", "LOW", "MEDIUM", "HIGH", "CRITICAL"), new String[][] {
          {"MEDIUM", "HIGH", "CRITICAL"},
          {"LOW", "MEDIUM", "HIGH"},
          {"NOTE", "LOW", "MEDIUM"}}),
      map("LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "HIGH"),
      map("kev", "HIGH", "high", "HIGH", "medium", "MEDIUM", "low", "LOW", "control", "MEDIUM",
          "publicControl", "HIGH"),
      map("TRACK", "LOW", "TRACK_STAR", "MEDIUM", "ATTEND", "HIGH", "ACT", "CRITICAL"),
      days("CRITICAL", 7, "HIGH", 30, "MEDIUM", 90, "LOW", 180));

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return Map.copyOf(m);
  }

  private static Map<String, Integer> days(Object... kv) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Integer) kv[i + 1]);
    return java.util.Collections.unmodifiableMap(m);
  }
}

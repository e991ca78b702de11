package dev.riskline.risk;

/**
 * The outcomes of the CISA Coordinator table ({@code cisa:CISA:1.1.0}), from least to most urgent.
 * {@link #displayName()} is CISA's spelling, as people read it and as the shipped table writes it
 * (ignoring case).
 */
enum SsvcOutcome {
  /** No action required now; remediate within standard update timelines. */
  TRACK("Track"),
  /** Like Track, with characteristics that call for closer monitoring. */
  TRACK_STAR("Track*"),
  /** Needs attention from supervisory-level people; remediate sooner than standard timelines. */
  ATTEND("Attend"),
  /** Needs supervisory and leadership attention; remediate as soon as possible. */
  ACT("Act");

  private final String displayName;

  SsvcOutcome(String displayName) {
    this.displayName = displayName;
  }

  /** CISA's name for the outcome: Track, Track*, Attend or Act. */
  String displayName() {
    return displayName;
  }
}

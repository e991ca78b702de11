package dev.riskline.risk;

/**
 * SSVC decision point Mission and Well-Being Impact ({@code ssvc:MWI:1.0.0}), the last input of the CISA
 * Coordinator table. Derived from {@link MissionPrevalence} and {@link PublicWellbeing} by
 * {@link Ssvc#missionWellbeing}, or set directly as an asset's criticality.
 */
enum MissionWellbeing {
  LOW,
  MEDIUM,
  HIGH
}

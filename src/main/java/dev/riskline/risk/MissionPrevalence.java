package dev.riskline.risk;

/**
 * CISA decision point Mission Prevalence ({@code cisa:MP:1.0.0}): how much the vulnerable component
 * matters to mission essential functions (MEFs). One of the two inputs of {@link MissionWellbeing}.
 */
enum MissionPrevalence {
  /** Neither Support nor Essential applies. */
  MINIMAL,
  /** The component only supports MEFs for two or more entities. */
  SUPPORT,
  /** The component directly provides capabilities that constitute at least one MEF for at least one entity. */
  ESSENTIAL
}

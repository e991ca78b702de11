package dev.riskline.risk;

/**
 * SSVC decision point Public Well-Being Impact ({@code ssvc:PWI:1.1.0}): the effect of exploitation on
 * people outside the organisation. One of the two inputs of {@link MissionWellbeing}.
 */
enum PublicWellbeing {
  /** Below the threshold of every aspect of Material. */
  MINIMAL,
  /** Physical distress or injury, reduced safety margins, major externalities, serious financial harm. */
  MATERIAL,
  /** Fatalities likely, cyber-physical systems lost, extreme externalities. */
  IRREVERSIBLE
}

/**
 * Risk: risk = likelihood × impact on an organisation's matrix, with the evidence behind each rating.
 * Threat intelligence (CISA KEV, FIRST EPSS) is held here as in-memory tables that the edge loads and
 * hands in; the SSVC model (CISA Coordinator) is a second way to rate. Pure: a finding and a clock in,
 * an assessment out. {@link dev.riskline.risk.FindingPattern} is an EventBridge pattern over a finding
 * (event-ruler), for conditions people write themselves, such as the findings a risk acceptance covers.
 */
package dev.riskline.risk;

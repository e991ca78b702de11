/**
 * The remediation schedule: the state of each finding's work (open, resolved, suppressed, ...). Pure:
 * findings and a clock in, states out.
 */
package dev.riskline.schedule;

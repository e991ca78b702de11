/**
 * The remediation schedule: the state of each finding's work (open, resolved, suppressed, ...) and risk
 * acceptance. An {@link dev.riskline.schedule.Acceptance} covers findings by id, control, CVE or pattern
 * until it expires; {@link dev.riskline.schedule.Acceptances} finds the one covering a finding;
 * {@link dev.riskline.schedule.AcceptancePolicy} bounds how long risk may be accepted. Pure: findings and
 * a clock in, states out.
 */
package dev.riskline.schedule;

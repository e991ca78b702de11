/**
 * The {@code riskline} command line (picocli): {@code triage}, {@code ingest}, {@code findings},
 * {@code rules}, {@code accept}, {@code acceptances}, {@code intel}, {@code report}, {@code explain},
 * {@code deliveries}, {@code worker}, {@code demo}, {@code bench}. Errors are mapped to exit codes here, once:
 * 0 ok, 2 bad input, 1 failure.
 */
package dev.riskline.cli;

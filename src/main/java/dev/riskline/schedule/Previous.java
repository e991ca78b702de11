package dev.riskline.schedule;

import java.time.Instant;

/**
 * What the store held for a finding before this evaluation: enough to keep its clock, never push its due
 * date out, and tell a reopened finding.
 *
 * @param rating the previous rating (or NONE)
 * @param start the previous clock start, or null
 * @param due the previous due date, or null
 * @param state the previous state
 * @param resolvedAt when it was first seen resolved, or null
 */
public record Previous(String rating, Instant start, Instant due, State state, Instant resolvedAt) {}

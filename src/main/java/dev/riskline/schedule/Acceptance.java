package dev.riskline.schedule;

import java.time.Instant;

/** Placeholder until acceptances land. */
public record Acceptance(String id, String owner, String reason, Instant expiresAt) {}

package dev.riskline.schedule;

import dev.riskline.finding.RisklineException;
import java.time.Instant;

/**
 * What someone asks for when they accept a risk: the scope and its value, who owns the decision, why, and
 * until when (null: the policy's default). {@link AcceptancePolicy#accept} turns it into an
 * {@link Acceptance}. Checked as an acceptance is (see there); a {@code PATTERN} value is kept as compact
 * JSON. Failures are bad input ({@link RisklineException#badInput()}). Immutable and thread-safe.
 *
 * @param expiresAt when the acceptance ends, or null for the policy's default
 */
public record AcceptanceRequest(Acceptance.Scope scope, String value, String owner, String reason, Instant expiresAt) {
  public AcceptanceRequest {
    if (scope == null) {
      throw Checks.bad("acceptance scope: expected one of " + java.util.List.of(Acceptance.Scope.values())
          + " but was nothing");
    }
    value = Checks.value("acceptance " + scope.name().toLowerCase(java.util.Locale.ROOT), scope, value);
    Checks.text("acceptance owner", owner, Checks.MAX_NAME, "who accepts the risk, a person or team,");
    Checks.text("acceptance reason", reason, Checks.MAX_REASON, "why the risk is accepted");
  }

  /** The same request with this expiry. */
  public AcceptanceRequest withExpiresAt(Instant at) {
    return new AcceptanceRequest(scope, value, owner, reason, at);
  }
}

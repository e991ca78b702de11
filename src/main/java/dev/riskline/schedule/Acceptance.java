package dev.riskline.schedule;

import dev.riskline.finding.Finding;
import dev.riskline.finding.RisklineException;
import dev.riskline.risk.FindingPattern;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A team accepts the risk of some findings until a time: while it is active, the findings it covers are
 * ACCEPTED rather than OPEN or OVERDUE; when it expires (or is revoked) they are open again. An accepted
 * finding that gets fixed is RESOLVED all the same.
 *
 * <p>What it covers, by {@link Scope}: {@code FINDING} the finding whose {@code Id} (or identity key, the
 * 64 hex characters of {@code FindingId.key()}) is the value; {@code CONTROL} the findings of one security
 * control ({@code Config.1}: exact, so never {@code Config.10}); {@code CVE} the findings with that
 * vulnerability id among their {@code Vulnerabilities}; {@code PATTERN} the findings an EventBridge pattern
 * matches ({@link FindingPattern}). Ids are case-sensitive, as in ASFF.
 *
 * <p>Validated when made: an id, a value that fits the scope (a pattern must parse; it is kept as compact
 * JSON), an owner and a reason (not blank, at most 256 and 1,024 characters), an expiry after the creation,
 * and the three revocation fields all given (revoker and reason not blank, not before the creation) or none.
 * How far the expiry may lie is the {@link AcceptancePolicy}'s to check, when an acceptance is made.
 * Failures are bad input ({@link RisklineException#badInput()}). Immutable and thread-safe.
 *
 * @param id short and unique, such as {@code acc-1a2b3c4d}
 * @param value the finding id, control id, CVE id or pattern
 * @param owner who accepts the risk: a person or team
 * @param reason why the risk is accepted
 * @param createdAt when it was accepted
 * @param expiresAt when it stops covering findings (exclusive)
 * @param revokedAt when it was revoked, or null
 * @param revokedBy who revoked it, or null
 * @param revokeReason why it was revoked, or null
 */
public record Acceptance(String id, Scope scope, String value, String owner, String reason, Instant createdAt,
    Instant expiresAt, Instant revokedAt, String revokedBy, String revokeReason) {

  /** What an acceptance covers. */
  public enum Scope { FINDING, CONTROL, CVE, PATTERN }

  /** Where an acceptance stands at a time. */
  public enum Status { ACTIVE, PENDING, EXPIRED, REVOKED }

  public Acceptance {
    Checks.text("acceptance id", id, 64, "an id such as acc-1a2b3c4d");
    String where = "acceptance " + id;
    if (scope == null) {
      throw Checks.bad(where + ": scope: expected one of " + List.of(Scope.values()) + " but was nothing");
    }
    value = Checks.value(where + ": " + scope.name().toLowerCase(Locale.ROOT), scope, value);
    Checks.text(where + ": owner", owner, Checks.MAX_NAME, "who accepts the risk, a person or team,");
    Checks.text(where + ": reason", reason, Checks.MAX_REASON, "why the risk is accepted");
    Checks.time(where + ": createdAt", createdAt);
    Checks.time(where + ": expiresAt", expiresAt);
    if (!expiresAt.isAfter(createdAt)) {
      throw Checks.bad(where + ": expiresAt: expected a time after createdAt " + createdAt + " but was " + expiresAt);
    }
    if (revokedAt != null || revokedBy != null || revokeReason != null) {
      Checks.time(where + ": revokedAt", revokedAt);
      Checks.text(where + ": revokedBy", revokedBy, Checks.MAX_NAME, "who revokes it");
      Checks.text(where + ": revokeReason", revokeReason, Checks.MAX_REASON, "why it is revoked");
      if (revokedAt.isBefore(createdAt)) {
        throw Checks.bad(where + ": revokedAt: expected a time at or after createdAt " + createdAt + " but was "
            + revokedAt);
      }
    }
  }

  /** True when it covers findings at {@code now}: made by then, not yet expired, not revoked by then. */
  public boolean activeAt(Instant now) {
    return statusAt(now) == Status.ACTIVE;
  }

  /**
   * At {@code now}: REVOKED from its revocation on, else EXPIRED from its expiry on, PENDING before its
   * creation, ACTIVE otherwise.
   */
  public Status statusAt(Instant now) {
    Objects.requireNonNull(now, "now");
    if (revokedAt != null && !now.isBefore(revokedAt)) return Status.REVOKED;
    if (!now.isBefore(expiresAt)) return Status.EXPIRED;
    return now.isBefore(createdAt) ? Status.PENDING : Status.ACTIVE;
  }

  /**
   * True when the finding is in its scope, whether or not the acceptance is active. A {@code PATTERN}
   * acceptance compiles its pattern on each call: to test many findings use {@link Acceptances}.
   */
  public boolean covers(Finding finding) {
    return switch (scope) {
      case FINDING -> value.equals(finding.id()) || (isIdentityKey(value) && finding.productArn() != null
          && finding.id() != null && value.equals(finding.identity().key()));
      case CONTROL -> value.equals(finding.controlId());
      case CVE -> finding.vulnerabilities().stream().anyMatch(v -> value.equals(v.id()));
      case PATTERN -> pattern().matches(finding);
    };
  }

  /** The pattern of a {@code PATTERN} acceptance. */
  public FindingPattern pattern() {
    if (scope != Scope.PATTERN) {
      throw new IllegalStateException("acceptance " + id + " is by " + scope + ", not by pattern");
    }
    return FindingPattern.parse(value, "acceptance " + id + ": pattern");
  }

  /**
   * This acceptance revoked at {@code at}.
   *
   * @throws RisklineException bad input when it was already revoked or had expired by then, or the revoker
   *     or reason is blank
   */
  public Acceptance revoke(Instant at, String by, String why) {
    Objects.requireNonNull(at, "at");
    if (revokedAt != null) {
      throw Checks.bad("Acceptance " + id + " was already revoked at " + revokedAt + " by " + revokedBy + ": "
          + revokeReason);
    }
    if (!at.isBefore(expiresAt)) {
      throw Checks.bad("Acceptance " + id + " expired at " + expiresAt + "; only an active acceptance can be revoked");
    }
    return new Acceptance(id, scope, value, owner, reason, createdAt, expiresAt, at, by, why);
  }

  /** True for 64 lower-case hex characters, the form of {@code FindingId.key()}. */
  static boolean isIdentityKey(String value) {
    if (value.length() != 64) return false;
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
    }
    return true;
  }
}

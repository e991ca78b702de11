package dev.riskline.schedule;

import dev.riskline.finding.RisklineException;
import java.time.Duration;
import java.time.Instant;

/**
 * How long risk may be accepted. Every acceptance expires: when none is asked for it lasts
 * {@code defaultDays}, and none may last longer than {@code maximumDays} from when it is made. Defaults:
 * 90 and 90 days ({@link #DEFAULT}). Existing acceptances are not checked again when the policy changes.
 * Immutable and thread-safe.
 *
 * @param defaultDays how long an acceptance lasts when no expiry is asked for, at least 1
 * @param maximumDays the longest an acceptance may last, at least {@code defaultDays}
 */
public record AcceptancePolicy(int defaultDays, int maximumDays) {
  /** How long an acceptance lasts by default under {@link #DEFAULT}. */
  public static final int DEFAULT_DAYS = 90;
  /** How long an acceptance may last at most under {@link #DEFAULT}. */
  public static final int MAXIMUM_DAYS = 90;
  /** 90 days by default, 90 days at most. */
  public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(DEFAULT_DAYS, MAXIMUM_DAYS);

  public AcceptancePolicy {
    if (defaultDays < 1) {
      throw new IllegalArgumentException("Expected at least 1 day but was " + defaultDays
          + " in AcceptancePolicy.defaultDays");
    }
    if (maximumDays < defaultDays) {
      throw new IllegalArgumentException("Expected at least defaultDays (" + defaultDays + ") but was " + maximumDays
          + " in AcceptancePolicy.maximumDays");
    }
  }

  /**
   * The expiry of an acceptance made at {@code now}: {@code requested}, or {@code now} plus the default
   * when it is null.
   *
   * @param where what the expiry is, for messages (such as {@code --expires})
   * @throws RisklineException bad input when {@code requested} is not after {@code now} or lies beyond the
   *     maximum; the message names the value and the maximum
   */
  public Instant expiry(Instant requested, Instant now, String where) {
    if (requested == null) return now.plus(Duration.ofDays(defaultDays));
    Instant latest = latest(now);
    if (!requested.isAfter(now)) {
      throw RisklineException.badInput(where + ": expected a time after now (" + now + ") but was " + requested,
          "Every acceptance expires; give a later time, or none for " + days(defaultDays) + ".");
    }
    if (requested.isAfter(latest)) {
      throw RisklineException.badInput(where + ": expected at most " + days(maximumDays)
          + " from now, so no later than " + latest + ", but was " + requested, "The acceptance policy allows " + days(maximumDays)
          + " at most; accept again when it expires.");
    }
    return requested;
  }

  /** The latest expiry allowed for an acceptance made at {@code now}. */
  public Instant latest(Instant now) {
    return now.plus(Duration.ofDays(maximumDays));
  }

  /**
   * The acceptance this request makes at {@code now}, under this policy.
   *
   * @throws RisklineException bad input when the requested expiry breaks the policy
   */
  public Acceptance accept(String id, AcceptanceRequest request, Instant now) {
    Instant expiresAt = expiry(request.expiresAt(), now, "acceptance expiry");
    return new Acceptance(id, request.scope(), request.value(), request.owner(), request.reason(), now, expiresAt,
        null, null, null);
  }

  /** {@code 1 day}, {@code 90 days}. */
  static String days(int n) {
    return n + (n == 1 ? " day" : " days");
  }
}

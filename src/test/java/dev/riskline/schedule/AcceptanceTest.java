package dev.riskline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.riskline.finding.RisklineException;
import dev.riskline.schedule.Acceptance.Scope;
import dev.riskline.schedule.Acceptance.Status;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** An acceptance's checks, status over time and revocation; the policy's expiry rules; requests. */
class AcceptanceTest {
  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant EXPIRES = Instant.parse("2026-03-01T00:00:00Z");

  static Acceptance control(String id, String value) {
    return new Acceptance(id, Scope.CONTROL, value, "platform", "Config is recorded centrally", CREATED, EXPIRES,
        null, null, null);
  }

  @Test
  void status_moves_from_pending_to_active_to_expired() {
    Acceptance a = control("acc-1a2b3c4d", "Config.1");

    assertThat(a.statusAt(CREATED.minusNanos(1))).isEqualTo(Status.PENDING);
    assertThat(a.statusAt(CREATED)).isEqualTo(Status.ACTIVE);
    assertThat(a.statusAt(EXPIRES.minusNanos(1))).isEqualTo(Status.ACTIVE);
    assertThat(a.statusAt(EXPIRES)).isEqualTo(Status.EXPIRED);
    assertThat(a.activeAt(CREATED)).isTrue();
    assertThat(a.activeAt(EXPIRES)).isFalse();
  }

  @Test
  void a_revoked_acceptance_is_revoked_from_its_revocation_on() {
    Instant at = Instant.parse("2026-02-01T00:00:00Z");

    Acceptance revoked = control("acc-1a2b3c4d", "Config.1").revoke(at, "alice", "AWS Config is enabled now");

    assertThat(revoked.revokedAt()).isEqualTo(at);
    assertThat(revoked.revokedBy()).isEqualTo("alice");
    assertThat(revoked.revokeReason()).isEqualTo("AWS Config is enabled now");
    assertThat(revoked.statusAt(at.minusNanos(1))).isEqualTo(Status.ACTIVE);
    assertThat(revoked.statusAt(at)).isEqualTo(Status.REVOKED);
    assertThat(revoked.statusAt(EXPIRES)).isEqualTo(Status.REVOKED);
  }

  @Test
  void an_acceptance_is_revoked_once_and_only_while_it_has_not_expired() {
    Acceptance revoked = control("acc-1a2b3c4d", "Config.1").revoke(Instant.parse("2026-02-01T00:00:00Z"), "alice", "done");

    assertBad(() -> revoked.revoke(Instant.parse("2026-02-02T00:00:00Z"), "bob", "again"),
        "Acceptance acc-1a2b3c4d was already revoked at 2026-02-01T00:00:00Z by alice: done");
    assertBad(() -> control("acc-1a2b3c4d", "Config.1").revoke(EXPIRES, "bob", "late"),
        "Acceptance acc-1a2b3c4d expired at 2026-03-01T00:00:00Z; only an active acceptance can be revoked");
    assertBad(() -> control("acc-1a2b3c4d", "Config.1").revoke(CREATED, " ", "r"),
        "acceptance acc-1a2b3c4d: revokedBy: expected who revokes it but was blank");
    assertBad(() -> control("acc-1a2b3c4d", "Config.1").revoke(CREATED, "bob", null),
        "acceptance acc-1a2b3c4d: revokeReason: expected why it is revoked but was nothing");
    assertBad(() -> control("acc-1a2b3c4d", "Config.1").revoke(CREATED.minusSeconds(1), "bob", "r"),
        "acceptance acc-1a2b3c4d: revokedAt: expected a time at or after createdAt 2026-01-01T00:00:00Z but was"
            + " 2025-12-31T23:59:59Z");
  }

  @Test
  void every_field_is_checked_with_where_what_and_what_was_expected() {
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "", "r", CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: owner: expected who accepts the risk, a person or team, but was blank");
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "o", null, CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: reason: expected why the risk is accepted but was nothing");
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "o", "r".repeat(1025), CREATED, EXPIRES, null,
        null, null), "acceptance acc-1: reason: expected why the risk is accepted of at most 1,024 characters but was"
        + " 1,025 characters");
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "o", "r", CREATED, CREATED, null, null, null),
        "acceptance acc-1: expiresAt: expected a time after createdAt 2026-01-01T00:00:00Z but was 2026-01-01T00:00:00Z");
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "o", "r", CREATED, null, null, null, null),
        "acceptance acc-1: expiresAt: expected a time but was nothing");
    assertBad(() -> new Acceptance("acc-1", Scope.CONTROL, "Config.1", "o", "r", CREATED, EXPIRES, null, "alice", null),
        "acceptance acc-1: revokedAt: expected a time but was nothing");
    assertBad(() -> new Acceptance(" ", Scope.CONTROL, "Config.1", "o", "r", CREATED, EXPIRES, null, null, null),
        "acceptance id: expected an id such as acc-1a2b3c4d but was blank");
    assertBad(() -> new Acceptance("acc-1", null, "Config.1", "o", "r", CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: scope: expected one of [FINDING, CONTROL, CVE, PATTERN] but was nothing");
  }

  @Test
  void a_value_must_fit_its_scope() {
    assertBad(() -> control("acc-1", ""),
        "acceptance acc-1: control: expected a security control id such as Config.1 but was blank");
    assertBad(() -> control("acc-1", "Config.1 "),
        "acceptance acc-1: control: expected a security control id such as Config.1 without spaces around it but was"
            + " \"Config.1 \"");
    assertBad(() -> new Acceptance("acc-1", Scope.CVE, null, "o", "r", CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: cve: expected a vulnerability id such as CVE-2024-3094 but was nothing");
    assertBad(() -> new Acceptance("acc-1", Scope.FINDING, "x".repeat(513), "o", "r", CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: finding: expected a finding Id (as in ASFF) or its identity key of at most 512 characters"
            + " but was 513 characters");
    assertBad(() -> new Acceptance("acc-1", Scope.PATTERN, "{\"Severity\": {\"Label\": \"HIGH\"}}", "o", "r", CREATED,
        EXPIRES, null, null, null), "acceptance acc-1: pattern: expected an EventBridge pattern over a finding's fields,"
        + " such as {\"Compliance\": {\"SecurityControlId\": [\"S3.1\"]}}, but was {\"Severity\": {\"Label\": \"HIGH\"}}:"
        + " \"Label\" must be an object or an array at line 1, column 25");
    assertBad(() -> new Acceptance("acc-1", Scope.PATTERN, " ", "o", "r", CREATED, EXPIRES, null, null, null),
        "acceptance acc-1: pattern: expected an EventBridge pattern over a finding's fields but was blank");
  }

  @Test
  void a_pattern_is_kept_as_compact_json() {
    Acceptance a = new Acceptance("acc-1", Scope.PATTERN, """
        { "Resources": { "Tags": { "env": [ "sandbox" ] } } }
        """, "o", "r", CREATED, EXPIRES, null, null, null);

    assertThat(a.value()).isEqualTo("{\"Resources\":{\"Tags\":{\"env\":[\"sandbox\"]}}}");
    assertThat(a.pattern().json()).isEqualTo(a.value());
    assertThatThrownBy(() -> control("acc-2", "S3.1").pattern()).isInstanceOf(IllegalStateException.class)
        .hasMessage("acceptance acc-2 is by CONTROL, not by pattern");
  }

  @Test
  void the_policy_defaults_to_90_days_and_allows_90_at_most() {
    AcceptancePolicy policy = AcceptancePolicy.DEFAULT;
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    assertThat(policy).isEqualTo(new AcceptancePolicy(90, 90));
    assertThat(policy.expiry(null, now, "--expires")).isEqualTo(Instant.parse("2026-04-01T10:00:00Z"));
    assertThat(policy.expiry(Instant.parse("2026-04-01T10:00:00Z"), now, "--expires"))
        .isEqualTo(Instant.parse("2026-04-01T10:00:00Z"));
    assertThat(policy.expiry(now.plusNanos(1), now, "--expires")).isEqualTo(now.plusNanos(1));
    assertBad(() -> policy.expiry(Instant.parse("2026-04-01T10:00:00.001Z"), now, "--expires"),
        "--expires: expected at most 90 days from now, so no later than 2026-04-01T10:00:00Z, but was"
            + " 2026-04-01T10:00:00.001Z");
    assertBad(() -> policy.expiry(now, now, "--expires"),
        "--expires: expected a time after now (2026-01-01T10:00:00Z) but was 2026-01-01T10:00:00Z");
  }

  @Test
  void a_policy_has_a_default_of_at_least_a_day_within_its_maximum() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(new AcceptancePolicy(30, 180).expiry(null, now, "x")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    assertThat(new AcceptancePolicy(30, 180).latest(now)).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
    assertThatThrownBy(() -> new AcceptancePolicy(0, 90)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected at least 1 day but was 0 in AcceptancePolicy.defaultDays");
    assertThatThrownBy(() -> new AcceptancePolicy(90, 30)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected at least defaultDays (90) but was 30 in AcceptancePolicy.maximumDays");
  }

  @Test
  void the_policy_makes_an_acceptance_of_a_request() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    AcceptanceRequest request = new AcceptanceRequest(Scope.CVE, "CVE-2024-3094", "payments",
        "Not reachable: the image has no network", null);

    Acceptance a = AcceptancePolicy.DEFAULT.accept("acc-1a2b3c4d", request, now);

    assertThat(a).isEqualTo(new Acceptance("acc-1a2b3c4d", Scope.CVE, "CVE-2024-3094", "payments",
        "Not reachable: the image has no network", now, Instant.parse("2026-04-01T10:00:00Z"), null, null, null));
    assertBad(() -> AcceptancePolicy.DEFAULT.accept("acc-1", request.withExpiresAt(Instant.parse("2027-01-01T00:00:00Z")),
        now), "acceptance expiry: expected at most 90 days from now, so no later than 2026-04-01T10:00:00Z, but was"
        + " 2027-01-01T00:00:00Z");
  }

  @Test
  void a_request_is_checked_as_an_acceptance_is() {
    assertBad(() -> new AcceptanceRequest(Scope.CONTROL, "S3.1", " ", "r", null),
        "acceptance owner: expected who accepts the risk, a person or team, but was blank");
    assertBad(() -> new AcceptanceRequest(Scope.CONTROL, "S3.1", "o", "", null),
        "acceptance reason: expected why the risk is accepted but was blank");
    assertBad(() -> new AcceptanceRequest(null, "S3.1", "o", "r", null),
        "acceptance scope: expected one of [FINDING, CONTROL, CVE, PATTERN] but was nothing");
    assertBad(() -> new AcceptanceRequest(Scope.PATTERN, "{\"detail\": {\"findings\": {\"Title\": [\"t\"]}}}", "o", "r",
        null), "acceptance pattern: expected a pattern over a finding's own fields, such as {\"Compliance\":"
        + " {\"SecurityControlId\": [\"S3.1\"]}}, but was a pattern over an EventBridge event (it names \"detail\"):"
        + " {\"detail\": {\"findings\": {\"Title\": [\"t\"]}}}");
    assertThat(new AcceptanceRequest(Scope.PATTERN, "{ \"Title\": [\"t\"] }", "o", "r", null).value())
        .isEqualTo("{\"Title\":[\"t\"]}");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertBad(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(RisklineException.class, e -> assertThat(e.badInput()).as("bad input").isTrue())
        .hasMessage(message);
  }
}

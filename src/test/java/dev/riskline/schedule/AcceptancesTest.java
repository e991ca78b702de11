package dev.riskline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import dev.riskline.schedule.Acceptance.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which acceptance covers a finding, as a case table ({@code schedule/acceptance-cases.json}); every case
 * also checks that the index finds what testing each acceptance one by one finds.
 */
class AcceptancesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATED = "2026-01-01T00:00:00Z";
  private static final String EXPIRES = "2026-03-01T00:00:00Z";
  private static final String NOW = "2026-02-01T00:00:00Z";

  record Given(String id, Scope scope, String value, String createdAt, String expiresAt, String revokedAt) {}

  record Case(String name, Map<String, Object> finding, List<Given> acceptances, String now, String covering) {
    @Override
    public String toString() {
      return name;
    }
  }

  record CaseFile(String about, Map<String, Object> base, List<Case> cases) {}

  static CaseFile file() throws IOException {
    try (InputStream in = AcceptancesTest.class.getResourceAsStream("/schedule/acceptance-cases.json")) {
      return JSON.readValue(in, CaseFile.class);
    }
  }

  static Stream<Case> cases() throws IOException {
    return file().cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_active_acceptance_expiring_last_covers_a_finding(Case c) throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>(file().base());
    if (c.finding() != null) {
      c.finding().forEach((k, v) -> {
        if (v == null) tree.remove(k);
        else tree.put(k, v);
      });
    }
    Finding finding = Finding.of(tree);
    String key = Finding.of(file().base()).identity().key();
    List<Acceptance> given = c.acceptances().stream().map(g -> acceptance(g, key)).toList();
    Instant now = Instant.parse(c.now() == null ? NOW : c.now());

    Optional<Acceptance> covering = Acceptances.of(given).covering(finding, now);

    assertThat(covering.map(Acceptance::id).orElse(null)).isEqualTo(c.covering());
    Optional<Acceptance> oneByOne = given.stream().filter(a -> a.activeAt(now) && a.covers(finding))
        .min(Acceptances.BEST);
    assertThat(covering).isEqualTo(oneByOne);
  }

  private static Acceptance acceptance(Given g, String key) {
    Instant created = Instant.parse(g.createdAt() == null ? CREATED : g.createdAt());
    Instant revoked = g.revokedAt() == null ? null : Instant.parse(g.revokedAt());
    return new Acceptance(g.id(), g.scope(), g.value().replace("{key}", key), "platform", "r", created,
        Instant.parse(g.expiresAt() == null ? EXPIRES : g.expiresAt()), revoked, revoked == null ? null : "alice",
        revoked == null ? null : "fixed after all");
  }

  @Test
  void none_covers_nothing() throws IOException {
    assertThat(Acceptances.none().covering(Finding.of(file().base()), Instant.parse(NOW))).isEmpty();
    assertThat(Acceptances.none().isEmpty()).isTrue();
    assertThat(Acceptances.of(List.of())).isSameAs(Acceptances.none());
  }

  @Test
  void ids_must_be_unique() {
    Acceptance a = new Acceptance("acc-1", Scope.CVE, "CVE-2024-3094", "o", "r", Instant.parse(CREATED),
        Instant.parse(EXPIRES), null, null, null);

    assertThatThrownBy(() -> Acceptances.of(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected acceptances with unique ids but acc-1 appears twice");
  }

  @Test
  void twenty_thousand_acceptances_check_a_hundred_thousand_findings_by_lookup_not_by_scan() throws IOException {
    Instant created = Instant.parse(CREATED);
    List<Acceptance> many = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Scope scope = Scope.values()[i % 3];
      String value = switch (scope) {
        case FINDING -> "finding-" + i;
        case CONTROL -> "Control." + i;
        default -> "CVE-2026-" + i;
      };
      many.add(new Acceptance("acc-" + i, scope, value, "o", "r", created, created.plus(Duration.ofDays(30 + i % 50)),
          null, null, null));
    }
    many.add(new Acceptance("acc-expired", Scope.PATTERN, "{\"AwsAccountId\": [\"111122223333\"]}", "o",
        "r", created, created.plus(Duration.ofDays(10)), null, null, null));
    many.add(new Acceptance("acc-pattern", Scope.PATTERN, "{\"Resources\": {\"Tags\": {\"env\": [\"sandbox\"]}}}", "o",
        "r", created, created.plus(Duration.ofDays(60)), null, null, null));
    Acceptances set = Acceptances.of(many);
    Map<String, Object> base = file().base();
    Instant now = Instant.parse(NOW);
    int covered = 0;
    int expected = 0;

    long started = System.nanoTime();
    for (int i = 0; i < 100_000; i++) {
      Map<String, Object> tree = new LinkedHashMap<>(base);
      tree.put("Id", "finding-" + i);
      tree.put("Compliance", Map.of("Status", "FAILED", "SecurityControlId", "Control." + (i + 1)));
      tree.put("Vulnerabilities", List.of(Map.of("Id", "CVE-2026-" + (i + 2))));
      tree.put("Resources", List.of(Map.of("Type", "AwsEc2Instance", "Id", "i-" + i,
          "Tags", Map.of("env", i % 2 == 0 ? "sandbox" : "prod"))));
      if (set.covering(Finding.of(tree), now).isPresent()) covered++;
      if ((i % 3 == 0 && i + 2 < 20_000) || i % 2 == 0) expected++;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(covered).isEqualTo(expected);
    assertThat(took).as("2 billion one-by-one checks would take minutes").isLessThan(Duration.ofSeconds(30));
  }
}

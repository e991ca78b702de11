package dev.riskline.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.Config;
import dev.riskline.ConfigFile;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.KevEntry;
import dev.riskline.risk.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Due dates and states, as a case table ({@code schedule/schedule-cases.yaml}): each case's configuration is
 * read as {@code riskline.yaml} reads it, its finding is laid over one of the file's bases, its risk, previous
 * decision and acceptances are given, and the decision at {@code now} must be exactly the expected one,
 * reasons and all.
 */
class ScheduleCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

  static Stream<Arguments> cases() throws IOException {
    JsonNode file;
    try (InputStream in = ScheduleCasesTest.class.getResourceAsStream("/schedule/schedule-cases.yaml")) {
      file = YAML.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    file.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c, file.get("bases"))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void schedules_each_finding_with_exactly_these_reasons(String name, JsonNode c, JsonNode bases)
      throws IOException {
    Map<String, Object> tree = finding(bases.get(c.path("base").asText("vulnerability")), c.get("finding"));
    assertThat(Asff.validate(tree)).as("the case's finding is valid ASFF").isEmpty();
    Config config = c.has("config")
        ? ConfigFile.parse("riskline.yaml", YAML.writeValueAsString(c.get("config")), null, Config.defaults())
        : Config.defaults();
    Assessment risk = risk(c.get("risk"));
    assertThat(!risk.rated() || config.risk().matrix().ratings().contains(risk.rating()))
        .as("%s is a rating of the configured matrix", risk.rating()).isTrue();

    Scheduled s = new Schedule(config.sla()).decide(Finding.of(tree), risk, previous(c.get("previous")),
        acceptances(c.get("acceptances")), Instant.parse(c.get("now").asText()));

    Map<String, Object> actual = new LinkedHashMap<>();
    put(actual, "start", s.start());
    put(actual, "due", s.due());
    put(actual, "state", s.state());
    put(actual, "resolvedAt", s.resolvedAt());
    put(actual, "slaMet", s.slaMet());
    put(actual, "acceptance", s.acceptance());
    actual.put("reasons", s.reasons().stream().map(Reason::detail).toList());
    assertThat(YAML.writeValueAsString(actual)).as(name).isEqualTo(YAML.writeValueAsString(c.get("expected")));
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value instanceof Boolean) m.put(key, value);
    else if (value != null) m.put(key, value.toString());
  }

  /** The base with the case's fields laid over it; a null field removes the base's. */
  static Map<String, Object> finding(JsonNode base, JsonNode changes) {
    Map<String, Object> tree = YAML.convertValue(base, TREE);
    if (changes != null) {
      YAML.convertValue(changes, TREE).forEach((k, v) -> {
        if (v == null) tree.remove(k);
        else tree.put(k, v);
      });
    }
    return tree;
  }

  /** {@code {rating, kev: {cveID, dateAdded}}}: the schedule reads only these of an assessment. */
  static Assessment risk(JsonNode r) {
    JsonNode k = r.get("kev");
    KevEntry kev = null;
    if (k != null) {
      LocalDate added = LocalDate.parse(k.get("dateAdded").asText());
      kev = new KevEntry(k.get("cveID").asText(), "vendor", "product", "name", added, added.plusDays(21), false);
    }
    return new Assessment(r.get("rating").asText(), null, null, "matrix", List.of(), kev);
  }

  static Previous previous(JsonNode p) {
    if (p == null) return null;
    return new Previous(p.get("rating").asText(), instant(p.get("start")), instant(p.get("due")),
        State.valueOf(p.get("state").asText()), instant(p.get("resolvedAt")));
  }

  static Acceptances acceptances(JsonNode list) {
    if (list == null) return Acceptances.none();
    List<Acceptance> out = new ArrayList<>();
    for (JsonNode a : list) {
      out.add(new Acceptance(a.get("id").asText(), Acceptance.Scope.valueOf(a.get("scope").asText()),
          a.get("value").asText(), a.get("owner").asText(), a.get("reason").asText(), instant(a.get("createdAt")),
          instant(a.get("expiresAt")), instant(a.get("revokedAt")), text(a.get("revokedBy")),
          text(a.get("revokeReason"))));
    }
    return Acceptances.of(out);
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asText());
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}

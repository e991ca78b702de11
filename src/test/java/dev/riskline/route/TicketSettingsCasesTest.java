package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Jira and ServiceNow settings as a case table (route/ticket-settings-cases.yaml), with exact messages. */
class TicketSettingsCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, String> ENV = Map.of("TICKET_TOKEN", "hunter2-token",
      "TICKET_PASSWORD", "hunter2-password");

  static Stream<Arguments> cases() throws Exception {
    JsonNode cases;
    try (InputStream in = TicketSettingsCasesTest.class.getResourceAsStream("/route/ticket-settings-cases.yaml")) {
      cases = YAML.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void settings(String name, JsonNode c) {
    Map<String, Object> settings = YAML.convertValue(c.get("settings"), Map.class);
    List<Problem> problems = new ArrayList<>();
    Settings section = Settings.root(Map.of("targets", Map.of("tickets", settings)), problems).section("targets");

    Map<String, Target> targets = Targets.read(section, ENV, HttpClient.newHttpClient(), Clock.systemUTC());

    List<String> expected = new ArrayList<>();
    c.get("problems").forEach(p -> expected.add(p.asText()));
    assertThat(problems.stream().map(Problem::toString).toList()).containsExactlyElementsOf(expected);
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("hunter2"));
    if (expected.isEmpty()) {
      assertThat(targets.get("tickets").toString()).doesNotContain("hunter2");
    } else {
      assertThat(targets).isEmpty();
    }
  }
}

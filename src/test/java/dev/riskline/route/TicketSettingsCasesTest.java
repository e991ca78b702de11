package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
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
  private static final Map<String, String> ENV = Map.of("TICKET_TOKEN", "hunter2-token",
      "TICKET_PASSWORD", "hunter2-password");

  static Stream<Arguments> cases() throws Exception {
    return CaseTables.load("/route/ticket-settings-cases.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void settings(String name, JsonNode c) {
    Map<String, Object> settings = CaseTables.settings(c);
    List<Problem> problems = new ArrayList<>();
    Settings section = Settings.root(Map.of("targets", Map.of("tickets", settings)), problems).section("targets");

    Map<String, Target> targets = Targets.read(section, ENV, HttpClient.newHttpClient(), Clock.systemUTC());

    if (CaseTables.problemsAre(c, problems, "hunter2")) {
      assertThat(targets.get("tickets").toString()).doesNotContain("hunter2");
    } else {
      assertThat(targets).isEmpty();
    }
  }
}

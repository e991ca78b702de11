package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskline.finding.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Splunk HEC and syslog settings as a case table (route/siem-settings-cases.yaml), with exact messages. */
class SiemSettingsCasesTest {
  static Stream<Arguments> cases() throws Exception {
    return CaseTables.load("/route/siem-settings-cases.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void settings(String name, JsonNode c) {
    Map<String, Object> settings = CaseTables.settings(c);
    List<Problem> problems = new ArrayList<>();
    var section = SplunkHecTargetTest.section(settings, problems);
    Target target = switch (c.get("kind").asText()) {
      case "splunk" -> SplunkHecTarget.read("siem", section, n -> n.equals("HEC_TOKEN") ? "hunter2-token" : null);
      case "syslog" -> SyslogTarget.read("siem", section, n -> null);
      default -> throw new IllegalArgumentException(c.get("kind").asText());
    };

    if (CaseTables.problemsAre(c, problems, "hunter2")) {
      assertThat(target.name()).isEqualTo("siem");
    } else {
      assertThat(target).isNull();
    }
  }
}

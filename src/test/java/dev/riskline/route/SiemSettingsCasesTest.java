package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Splunk HEC and syslog settings as a case table (route/siem-settings-cases.yaml), with exact messages. */
class SiemSettingsCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  static Stream<Arguments> cases() throws Exception {
    JsonNode cases;
    try (InputStream in = SiemSettingsCasesTest.class.getResourceAsStream("/route/siem-settings-cases.yaml")) {
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
    var section = SplunkHecTargetTest.section(settings, problems);
    Target target = switch (c.get("kind").asText()) {
      case "splunk" -> SplunkHecTarget.read("siem", section, n -> n.equals("HEC_TOKEN") ? "hunter2-token" : null);
      case "syslog" -> SyslogTarget.read("siem", section, n -> null);
      default -> throw new IllegalArgumentException(c.get("kind").asText());
    };

    List<String> expected = new ArrayList<>();
    c.get("problems").forEach(p -> expected.add(p.asText()));
    assertThat(problems.stream().map(Problem::toString).toList()).containsExactlyElementsOf(expected);
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("hunter2"));
    if (expected.isEmpty()) {
      assertThat(target.name()).isEqualTo("siem");
    } else {
      assertThat(target).isNull();
    }
  }
}

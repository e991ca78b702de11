package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.RisklineException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** riskline.yaml validation, as a case table (config-cases.yaml). */
class ConfigCasesTest {
  static Stream<Arguments> cases() throws Exception {
    JsonNode cases;
    try (InputStream in = ConfigCasesTest.class.getResourceAsStream("/config-cases.yaml")) {
      cases = new YAMLMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configuration(String name, JsonNode c) {
    String yaml = c.get("yaml").asText();
    if (c.has("valid")) {
      Config config = ConfigFile.parse("riskline.yaml", yaml, null, Config.defaults());
      JsonNode v = c.get("valid");
      assertThat(config.risk().presetName()).isEqualTo(v.get("preset").asText());
      assertThat(config.risk().model()).isEqualTo(v.get("model").asText());
      List<String> ratings = new ArrayList<>();
      v.get("ratings").forEach(r -> ratings.add(r.asText()));
      assertThat(config.risk().matrix().ratings()).isEqualTo(ratings);
      Map<String, Integer> sla = new LinkedHashMap<>();
      v.get("sla").fields().forEachRemaining(e -> sla.put(e.getKey(), e.getValue().asInt()));
      assertThat(config.sla().days()).isEqualTo(sla);
      assertThat(config.sla().kevDays()).isEqualTo(v.get("kevDays").asInt());
      assertThat(config.sla().dueSoonDays()).isEqualTo(v.get("dueSoonDays").asInt());
      List<String> routes = new ArrayList<>();
      if (v.has("routes")) v.get("routes").forEach(r -> routes.add(r.asText()));
      assertThat(config.routes().all()).extracting(r -> r.name()).isEqualTo(routes);
      return;
    }
    RisklineException e = catchThrowableOfType(RisklineException.class,
        () -> ConfigFile.parse("riskline.yaml", yaml, null, Config.defaults()));
    assertThat(e).as("a problem is reported").isNotNull();
    assertThat(e.badInput()).isTrue();
    if (c.has("errorPrefix")) {
      assertThat(e.getMessage()).startsWith(c.get("errorPrefix").asText());
      return;
    }
    List<String> expected = new ArrayList<>();
    c.get("errors").forEach(l -> expected.add(l.asText()));
    assertThat(e.getMessage().split(System.lineSeparator())).containsExactlyElementsOf(expected);
  }
}

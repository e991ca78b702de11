package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The load-time URL check as a case table (route/url-check-cases.yaml), with exact messages. */
class UrlCheckCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  static Stream<Arguments> cases() throws Exception {
    JsonNode cases;
    try (InputStream in = UrlCheckCasesTest.class.getResourceAsStream("/route/url-check-cases.yaml")) {
      cases = YAML.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void url_at_load(String name, JsonNode c) {
    String problem = UrlCheck.problem(URI.create(c.get("url").asText()), c.path("allowInsecureHttp").asBoolean(false));

    assertThat(problem).isEqualTo(c.path("problem").asText(null));
  }
}

package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The load-time URL check as a case table (route/url-check-cases.yaml), with exact messages. */
class UrlCheckCasesTest {
  static Stream<Arguments> cases() throws Exception {
    return CaseTables.load("/route/url-check-cases.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void url_at_load(String name, JsonNode c) {
    String problem = UrlCheck.problem(URI.create(c.get("url").asText()), c.path("allowInsecureHttp").asBoolean(false));

    assertThat(problem).isEqualTo(c.path("problem").asText(null));
  }
}

package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The route case tables (YAML lists of cases, each with a {@code name}): loading them as test arguments, and
 * checking a settings case's expected {@code problems}. Stateless; thread-safe.
 */
final class CaseTables {
  static final YAMLMapper YAML = new YAMLMapper();

  private CaseTables() {}

  /** The cases of the table at the classpath {@code resource}, each as its name and its node. */
  static Stream<Arguments> load(String resource) throws IOException {
    JsonNode cases;
    try (InputStream in = CaseTables.class.getResourceAsStream(resource)) {
      cases = YAML.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  /** The case's {@code settings}, as a target's section of the configuration holds them. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> settings(JsonNode c) {
    return YAML.convertValue(c.get("settings"), Map.class);
  }

  /**
   * Asserts that {@code problems} are exactly the case's {@code problems}, in order, and that no message shows
   * any of the {@code secrets}; answers whether the case expects none.
   */
  static boolean problemsAre(JsonNode c, List<Problem> problems, String... secrets) {
    List<String> expected = new ArrayList<>();
    c.get("problems").forEach(p -> expected.add(p.asText()));
    assertThat(problems.stream().map(Problem::toString).toList()).containsExactlyElementsOf(expected);
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain(secrets));
    return expected.isEmpty();
  }
}

package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lint as a case table ({@code rules/lint-cases.json}): rules, loaded as {@code rules/prod.json}, and the
 * exact lines {@link RuleSet#lint} gives, in order. To keep cases short, a rule without {@code Description}
 * gets one, without {@code RuleOrder} its 1-based position, and without {@code Actions} one that sets a
 * user-defined field of its own ({@code rule-<position>}), so default actions never overwrite each other.
 */
class LintCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, List<Map<String, Object>> rules, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    try (InputStream in = LintCasesTest.class.getResourceAsStream("/rules/lint-cases.json")) {
      return List.of(JSON.readValue(in, Case[].class)).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lint_says_where_what_and_what_to_do(Case c) throws Exception {
    RuleSet rules = RuleSet.parse("rules/prod.json", JSON.writeValueAsString(withDefaults(c.rules())));

    List<String> lines = rules.lint().stream().map(LintWarning::line).toList();

    assertThat(lines).containsExactlyElementsOf(c.expected());
  }

  private static List<Map<String, Object>> withDefaults(List<Map<String, Object>> rules) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Map<String, Object> r = new LinkedHashMap<>(rules.get(i));
      r.putIfAbsent("Description", "case rule");
      r.putIfAbsent("RuleOrder", i + 1);
      r.putIfAbsent("Actions", List.of(Map.of("Type", "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate",
          Map.of("UserDefinedFields", Map.of("rule-" + (i + 1), "matched")))));
      out.add(r);
    }
    return out;
  }
}

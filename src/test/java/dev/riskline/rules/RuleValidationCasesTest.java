package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule file validation as a case table ({@code rules/validation-cases.json}): a file name (default
 * {@code rules/prod.json}), its content as {@code rules} (any JSON value, written out as JSON) or as raw
 * {@code text}, and the exact problem lines expected; none means the file loads, with {@code size} rules.
 * Inside {@code rules}, an object {@code {"$repeat": n, "of": x}} in an array stands for n copies of x.
 */
class RuleValidationCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, String file, Object rules, String text, List<String> problems, Integer size) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    try (InputStream in = RuleValidationCasesTest.class.getResourceAsStream("/rules/validation-cases.json")) {
      return List.of(JSON.readValue(in, Case[].class)).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rule_files_are_checked_at_load(Case c) throws Exception {
    String file = c.file() == null ? "rules/prod.json" : c.file();
    String text = c.text() != null ? c.text() : JSON.writeValueAsString(expand(c.rules()));
    List<String> expected = c.problems() == null ? List.of() : c.problems();
    if (expected.isEmpty()) {
      RuleSet set = RuleSet.parse(file, text);
      if (c.size() != null) assertThat(set.size()).isEqualTo(c.size());
      return;
    }
    RulesException e = catchThrowableOfType(RulesException.class, () -> RuleSet.parse(file, text));
    assertThat(e).as("a RulesException").isNotNull();
    assertThat(e.problems()).containsExactlyElementsOf(expected);
    assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), expected));
    assertThat(e.badInput()).isTrue();
  }

  private static Object expand(Object json) {
    if (json instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.containsKey("$repeat")) {
          out.addAll(Collections.nCopies((Integer) m.get("$repeat"), expand(m.get("of"))));
        } else {
          out.add(expand(o));
        }
      }
      return out;
    }
    if (json instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, expand(v)));
      return out;
    }
    return json;
  }
}

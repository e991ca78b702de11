package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.RiskPolicy;
import dev.riskline.schedule.Previous;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Change detection as a case table (route/change-cases.yaml), on the default matrix. */
class ChangeCasesTest {
  static Stream<Arguments> cases() throws Exception {
    JsonNode cases;
    try (InputStream in = ChangeCasesTest.class.getResourceAsStream("/route/change-cases.yaml")) {
      cases = new YAMLMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void change(String name, JsonNode c) {
    JsonNode p = c.get("previous");
    Previous previous = p == null || p.isNull() ? null
        : new Previous(p.get("rating").asText(), null, null, State.valueOf(p.get("state").asText()), null);
    JsonNode n = c.get("now");
    Assessment risk = new Assessment(n.get("rating").asText(), null, null, "matrix", List.of(), null);
    Scheduled now = new Scheduled(null, null, State.valueOf(n.get("state").asText()), null, null, null, List.of());

    Change change = Change.detect(previous, risk, now, RiskPolicy.defaults().matrix());

    JsonNode expected = c.get("expected");
    assertThat(change == null ? null : change.name()).isEqualTo(expected.isNull() ? null : expected.asText());
  }
}

package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of every preset, against the tables as their sources print them (risk/matrix-cases.json). */
class MatrixCasesTest {
  static Stream<Arguments> cells() throws Exception {
    JsonNode cases;
    try (InputStream in = MatrixCasesTest.class.getResourceAsStream("/risk/matrix-cases.json")) {
      cases = new ObjectMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : cases) {
      JsonNode rows = c.get("rows");
      for (int r = 0; r < rows.size(); r++) {
        for (int i = 0; i < rows.get(r).size(); i++) {
          out.add(Arguments.of(c.get("preset").asText(), c.get("likelihoodHighestFirst").get(r).asText(),
              c.get("impact").get(i).asText(), rows.get(r).get(i).asText()));
        }
      }
    }
    assertThat(out).hasSize(16 + 25 + 9);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: likelihood {1} × impact {2} = {3}")
  @MethodSource("cells")
  void each_preset_rates_every_cell_as_its_source_prints_it(String preset, String likelihood, String impact,
      String expected) {
    assertThat(RiskPolicy.preset(preset).matrix().rate(likelihood, impact)).isEqualTo(expected);
  }
}

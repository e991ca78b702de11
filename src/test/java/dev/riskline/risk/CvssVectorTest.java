package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CVSS vectors as a case table ({@code risk/cvss-cases.json}). A case gives either what the vector reads
 * as (version, base score, automatable, total technical impact, and optionally metrics, null for one the
 * vector leaves out), or the exact problem of a malformed vector, or neither for a vector that is absent.
 * Base scores are FIRST's, checked against an independent calculator ({metæffekt}'s), not taken from the
 * library under test.
 */
class CvssVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, String vector, String version, Double baseScore, Boolean automatable,
      Boolean totalTechnicalImpact, Map<String, String> metrics, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    try (InputStream in = CvssVectorTest.class.getResourceAsStream("/risk/cvss-cases.json")) {
      return List.of(JSON.readValue(in, Case[].class)).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void a_vector_reads_as_its_case_says(Case c) {
    Optional<CvssVector> parsed = CvssVector.parse(c.vector());
    Optional<String> problem = CvssVector.problem(c.vector());

    if (c.version() == null) {
      assertThat(parsed).isEmpty();
      assertThat(problem).isEqualTo(Optional.ofNullable(c.problem()));
      return;
    }
    assertThat(problem).isEmpty();
    assertThat(parsed).isPresent();
    CvssVector v = parsed.get();
    assertThat(v.vector()).isEqualTo(c.vector().strip());
    assertThat(v.version()).isEqualTo(c.version());
    assertThat(v.baseScore()).isEqualTo(c.baseScore());
    assertThat(v.automatable()).as("automatable").isEqualTo(c.automatable());
    assertThat(v.totalTechnicalImpact()).as("total technical impact").isEqualTo(c.totalTechnicalImpact());
    if (c.metrics() != null) {
      c.metrics().forEach((key, value) -> assertThat(v.metric(key)).as(key).isEqualTo(Optional.ofNullable(value)));
    }
  }
}

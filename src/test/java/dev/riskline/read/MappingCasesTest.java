package dev.riskline.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.riskline.finding.Asff;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Maps every record listed in {@code formats/cases.json} and compares it with its expected ASFF file. To
 * regenerate the expected files after a deliberate change, run with {@code -Driskline.golden.write=true}
 * and review the diff.
 */
class MappingCasesTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<String, Function<Map<String, Object>, Map<String, Object>>> MAPPINGS =
      Map.of("inspector", InspectorMapping::toAsff, "ocsf", OcsfMapping::toAsff);
  private static final Path RESOURCES = Path.of("src/test/resources/formats");

  record Case(String name, String mapping, String input, String record, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<Case> cases = JSON.readValue(resource("cases.json"), new TypeReference<List<Case>>() {});
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void record_maps_to_its_expected_asff_finding(Case c) throws IOException {
    JsonNode input = JSON.readTree(resource(c.input())).at(c.record());
    assertThat(input.isObject()).as("%s at %s is an object", c.input(), c.record()).isTrue();
    Map<String, Object> actual = MAPPINGS.get(c.mapping()).apply(JSON.convertValue(input, tree()));
    if (Boolean.getBoolean("riskline.golden.write")) {
      JSON.writeValue(RESOURCES.resolve(c.expected()).toFile(), actual);
    }
    Map<String, Object> expected = JSON.readValue(resource(c.expected()), tree());

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.keySet()).as("ASFF field order").containsExactlyElementsOf(expected.keySet());
    assertThat(Asff.validate(actual)).isEmpty();
  }

  static TypeReference<Map<String, Object>> tree() {
    return new TypeReference<>() {};
  }

  static InputStream resource(String name) throws IOException {
    return Files.newInputStream(RESOURCES.resolve(name));
  }
}

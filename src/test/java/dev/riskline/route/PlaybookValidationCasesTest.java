package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.RisklineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playbook folders that do not load, as a case table ({@code route/playbook-validation-cases.yaml}): every
 * problem is reported, one line each, with the file, the key, what was found and what was expected.
 */
class PlaybookValidationCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};
  private static final List<String> VALID = List.of("title: T", "appliesTo: {controls: [IAM.4]}", "owner: o",
      "rationale: r", "lastReviewed: 2026-11-30");

  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() throws IOException {
    Map<String, Object> file;
    try (InputStream in = PlaybookValidationCasesTest.class.getResourceAsStream(
        "/route/playbook-validation-cases.yaml")) {
      file = YAML.readValue(in, TREE);
    }
    List<Arguments> out = new ArrayList<>();
    for (Object o : (List<Object>) file.get("cases")) {
      Map<String, Object> c = (Map<String, Object>) o;
      out.add(Arguments.of(c.get("name"), c.get("files"), c.get("expected")));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reports_every_problem_exactly(String name, Map<String, String> files, List<String> expected)
      throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), withValid(f.getKey(), f.getValue()));
    }

    RisklineException e = catchThrowableOfType(() -> Playbooks.load(dir), RisklineException.class);

    assertThat(e).as("loading fails").isNotNull();
    assertThat(e.badInput()).isTrue();
    assertThat(e.getMessage().lines().map(l -> l.replace(dir + java.io.File.separator, "")))
        .containsExactlyElementsOf(expected);
  }

  /** The file with its VALID line replaced by a complete front matter, less the keys the file sets itself. */
  private static String withValid(String name, String text) {
    if (!text.contains("VALID\n")) return text;
    List<String> lines = new ArrayList<>();
    lines.add("id: " + name.replace(".md", ""));
    lines.addAll(VALID);
    List<String> own = text.lines().filter(l -> l.matches("[A-Za-z]+:.*")).map(l -> l.substring(0, l.indexOf(':')))
        .toList();
    lines.removeIf(l -> own.contains(l.substring(0, l.indexOf(':'))));
    return text.replace("VALID\n", String.join("\n", lines) + "\n");
  }
}

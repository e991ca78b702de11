package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Finding;
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
 * Which playbook a finding gets, as a case table ({@code route/playbook-match-cases.yaml}): each case writes
 * the playbooks it uses to a folder, loads it, and asks for the playbook of its finding.
 */
class PlaybookMatchCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};
  private static final Map<String, Object> BASE = Map.of(
      "SchemaVersion", "2018-10-08", "Id", "f-1", "ProductArn", "arn:aws:securityhub:us-east-1::product/aws/securityhub",
      "GeneratorId", "security-control/S3.8", "AwsAccountId", "111122223333", "AwsAccountName", "acme-web-dev",
      "Types", List.of("Software and Configuration Checks/Industry and Regulatory Standards"),
      "Compliance", Map.of("Status", "FAILED", "SecurityControlId", "S3.8"), "Title", "t");

  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() throws IOException {
    Map<String, Object> file;
    try (InputStream in = PlaybookMatchCasesTest.class.getResourceAsStream("/route/playbook-match-cases.yaml")) {
      file = YAML.readValue(in, TREE);
    }
    Map<String, Object> playbooks = (Map<String, Object>) file.get("playbooks");
    List<Arguments> out = new ArrayList<>();
    for (Object o : (List<Object>) file.get("cases")) {
      Map<String, Object> c = (Map<String, Object>) o;
      out.add(Arguments.of(c.get("name"), c, playbooks));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void picks_the_most_specific_playbook(String name, Map<String, Object> c, Map<String, Object> playbooks)
      throws IOException {
    for (String id : (List<String>) c.get("use")) {
      Map<String, Object> front = new LinkedHashMap<>();
      front.put("id", id);
      front.put("title", "Playbook " + id);
      front.put("appliesTo", playbooks.get(id));
      front.put("owner", "team");
      front.put("rationale", "why");
      front.put("lastReviewed", "2026-11-30");
      Files.writeString(dir.resolve(id + ".md"), YAML.writeValueAsString(front) + "---\nBody of " + id + "\n");
    }
    Map<String, Object> tree = new LinkedHashMap<>(BASE);
    ((Map<String, Object>) c.get("finding")).forEach((k, v) -> {
      if (v == null) tree.remove(k);
      else tree.put(k, v);
    });

    Playbook found = Playbooks.load(dir).forFinding(Finding.of(tree));

    assertThat(found == null ? null : found.id()).isEqualTo(c.get("expected"));
  }
}

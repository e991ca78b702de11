package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SNS, SQS and EventBridge settings as a case table (route/aws-settings-cases.yaml), with exact messages. */
class AwsSettingsCasesTest {
  private static final YAMLMapper YAML = CaseTables.YAML;
  private static final Map<String, String> ENV = Map.of("AWS_KEY_ID", "AKIACASEKEYID", "AWS_SECRET",
      "hunter2-secret-value");

  static Stream<Arguments> cases() throws Exception {
    return CaseTables.load("/route/aws-settings-cases.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void settings(String name, JsonNode c) {
    Map<String, Object> settings = CaseTables.settings(c);
    Map<String, String> env = new HashMap<>(ENV);
    if (c.has("env")) env.putAll(YAML.convertValue(c.get("env"), Map.class));
    List<Problem> problems = new ArrayList<>();
    Settings section = Settings.root(Map.of("targets", Map.of("aws", settings)), problems).section("targets")
        .section("aws");
    AwsTarget target = switch (c.get("kind").asText()) {
      case "sns" -> SnsTarget.read("aws", section, env::get);
      case "sqs" -> SqsTarget.read("aws", section, env::get);
      case "eventbridge" -> EventBridgeTarget.read("aws", section, env::get);
      default -> throw new IllegalArgumentException(c.get("kind").asText());
    };

    if (CaseTables.problemsAre(c, problems, "hunter2", "AKIACASEKEYID")) {
      assertThat(target.name()).isEqualTo("aws");
      target.close();
    } else {
      assertThat(target).isNull();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_readme_example_of_the_aws_targets_loads_through_the_registry() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("### Amazon SNS, SQS and EventBridge");
    assertThat(at).as("the README shows the AWS targets").isPositive();
    int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    Map<String, Object> tree = YAML.readValue(readme.substring(start, readme.indexOf("```", start)), Map.class);
    List<Problem> problems = new ArrayList<>();

    Map<String, Target> targets = Targets.read(Settings.root(tree, problems).section("targets"),
        Map.of("RISKLINE_AWS_KEY_ID", "AKIAEXAMPLE", "RISKLINE_AWS_SECRET", "example-secret"));

    assertThat(problems).isEmpty();
    assertThat(targets.values()).extracting(Object::getClass).containsExactly(SnsTarget.class, SqsTarget.class,
        EventBridgeTarget.class);
    targets.values().forEach(t -> ((AwsTarget) t).close());
  }
}

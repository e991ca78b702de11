package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete riskline.yaml the README shows loads as it says, with the files it names in place. */
class ReadmeConfigTest {
  @TempDir
  Path dir;

  @Test
  void the_readme_configuration_example_loads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("A complete example:");
    assertThat(at).as("the README shows a complete riskline.yaml").isPositive();
    int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Files.createDirectories(dir.resolve("intel"));
    Files.createDirectories(dir.resolve("automation-rules"));
    Files.copy(Path.of("examples/intel/known_exploited_vulnerabilities.json"),
        dir.resolve("intel/known_exploited_vulnerabilities.json"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of("examples/intel/epss_scores-sample.csv"), dir.resolve("intel/epss_scores-current.csv.gz"));
    Files.copy(Path.of("examples/rules/automation-rules.json"), dir.resolve("automation-rules/rules.json"));
    Files.writeString(dir.resolve("riskline.yaml"), yaml);

    Config config = ConfigFile.load(dir.resolve("riskline.yaml"), Config.defaults());

    assertThat(config.storeUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/riskline?user=riskline");
    assertThat(config.rules().size()).isEqualTo(6);
    assertThat(config.risk().presetName()).isEqualTo("default");
    assertThat(config.intel().kevCatalog().count()).isEqualTo(1404);
    assertThat(config.intel().epssMeta()).isNotNull();
    assertThat(config.sla().days()).containsEntry("CRITICAL", 7).containsEntry("LOW", 180);
    assertThat(config.sla().restartOnReopen()).isTrue();
    assertThat(config.sla().acceptance().defaultDays()).isEqualTo(30);
    assertThat(config.sla().acceptance().maximumDays()).isEqualTo(90);
  }
}

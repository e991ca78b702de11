package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket targets the README shows load as it says. */
class TicketReadmeExampleTest {
  @Test
  void the_readme_ticket_targets_load_without_problems() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("### Tickets: one per finding");
    assertThat(at).as("the README has the tickets section").isPositive();
    int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    Object tree = new YAMLMapper().readValue(readme.substring(start, readme.indexOf("```", start)), Object.class);
    List<Problem> problems = new ArrayList<>();

    Map<String, Target> targets = Targets.read(Settings.root(tree, problems).section("targets"),
        Map.of("JIRA_API_TOKEN", "jira-token", "SNOW_PASSWORD", "snow-password"));

    assertThat(problems).isEmpty();
    assertThat(targets.values()).extracting(Object::toString).containsExactly(
        "JiraTarget[jira-sec, CLOUD, https://acme.atlassian.net, SEC]",
        "ServiceNowTarget[snow, https://acme.service-now.com, incident]");
  }
}

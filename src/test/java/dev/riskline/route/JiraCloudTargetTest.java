package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The ticket contract on Jira Cloud (REST v3, ADF bodies, Basic email:API token). */
class JiraCloudTargetTest extends JiraTargetContract {
  @Override
  boolean cloud() {
    return true;
  }

  @Test
  void a_description_in_adf_has_paragraphs_and_links() {
    send(target(), created());

    JsonNode d = jira.issues.get("SEC-1").fields.path("description");
    assertThat(d.path("type").asText()).isEqualTo("doc");
    assertThat(d.path("version").asInt()).isEqualTo(1);
    assertThat(d.findValuesAsText("href")).containsExactly("https://wiki.example.com/playbooks/log4shell");
  }

}

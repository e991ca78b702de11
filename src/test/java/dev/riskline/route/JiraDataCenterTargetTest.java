package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ticket contract on Jira Data Center (REST v2, wiki text bodies, Bearer personal access token). */
class JiraDataCenterTargetTest extends JiraTargetContract {
  @Override
  boolean cloud() {
    return false;
  }

  @Test
  void bodies_are_wiki_text_with_markup_characters_escaped() {
    Delivery d = created();
    send(target(), Delivery.pending(d.route(), d.target(), d.change(), d.findingKey(),
        d.event().replace("in prod", "[prod] {code} *now* | x"), d.createdAt()));

    assertThat(jira.issues.get("SEC-1").fields.path("description").isTextual()).isTrue();
    assertThat(description("SEC-1")).contains("log4j-core \\[prod\\] \\{code\\} \\*now\\* \\| x");
  }
}

package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled chat and e-mail templates link the playbook when the message has a link, and name it when not. */
class PlaybookLinkTemplatesTest {
  private static Message message(String link) {
    return new Message("NEW", "Log4Shell", "CRITICAL", "CRITICAL", "HIGH", "2026-11-07", "OPEN",
        List.of(new Message.Line("kev", "CVE-2021-44228 is in CISA KEV")), "f-1", "123456789012", "arn:r", "Inspector",
        "CRITICAL", "cve-patching", link, null);
  }

  private static final String LINK = "https://wiki.example.com/playbooks/cve-patching?a=1&b=2";

  @Test
  void slack_makes_a_mrkdwn_link() {
    Templates slack = Templates.bundled("slack", Templates::slack);
    assertThat(slack.render(message(LINK)))
        .endsWith("Playbook: <https://wiki.example.com/playbooks/cve-patching?a=1&amp;b=2|cve-patching>");
    assertThat(slack.render(message(null))).endsWith("Playbook: cve-patching");
  }

  @Test
  void teams_makes_a_markdown_link() {
    Templates teams = Templates.bundled("teams", Templates::plain);
    assertThat(teams.render(message(LINK))).endsWith("Playbook: [cve-patching](" + LINK + ")");
    assertThat(teams.render(message(null))).endsWith("Playbook: cve-patching");
  }

  @Test
  void email_gives_the_address_under_the_playbook() {
    Templates email = Templates.bundled("email", Templates::plain);
    assertThat(email.render(message(LINK))).contains("  Playbook:   cve-patching\n  Read at:    " + LINK + "\n");
    assertThat(email.render(message(null))).contains("  Playbook:   cve-patching\n").doesNotContain("https://");
  }
}

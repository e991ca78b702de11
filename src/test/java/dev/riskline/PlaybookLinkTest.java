package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import dev.riskline.route.Message;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code playbookUrl} in riskline.yaml: the triage event of a finding with a playbook carries the link, and
 * every message made from the event has it.
 */
class PlaybookLinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FINDING = """
      {"SchemaVersion":"2018-10-08","Id":"f-1","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId":"security-control/IAM.3","AwsAccountId":"123456789012","CreatedAt":"2026-10-01T00:00:00Z",
       "UpdatedAt":"2026-10-02T00:00:00Z","Title":"IAM users' access keys should be rotated every 90 days or less",
       "Description":"d","Types":["Software and Configuration Checks/Industry and Regulatory Standards"],
       "Severity":{"Label":"MEDIUM"},"Compliance":{"Status":"FAILED","SecurityControlId":"IAM.3"},
       "Resources":[{"Type":"AwsIamUser","Id":"arn:aws:iam::123456789012:user/ci"}]}""";

  @Test
  void the_event_and_its_message_link_the_playbook_where_its_id_goes() throws Exception {
    Config config = ConfigFile.parse("riskline.yaml", """
        playbooks: examples/playbooks
        playbookUrl: https://wiki.example.com/security/playbooks/{id}?view=full
        """, Path.of("."), Config.defaults());
    @SuppressWarnings("unchecked")
    Finding f = Finding.of(JSON.readValue(FINDING, Map.class));
    Riskline engine = Riskline.create(config);
    TriageResult r = engine.triage(f, f);

    String event = engine.event(r);
    Message m = Message.of(event);

    assertThat(r.playbook()).isEqualTo("cis-iam-credentials");
    assertThat(JSON.readTree(event).at("/detail/riskline/PlaybookUrl").asText())
        .isEqualTo("https://wiki.example.com/security/playbooks/cis-iam-credentials?view=full");
    assertThat(m.playbook()).isEqualTo("cis-iam-credentials");
    assertThat(m.playbookLink()).isEqualTo("https://wiki.example.com/security/playbooks/cis-iam-credentials?view=full");
    assertThat(r.riskline()).as("the triage result itself keeps the id only").doesNotContainKey("PlaybookUrl");
  }

  @Test
  void without_id_the_link_is_a_base_the_id_is_appended_to_and_without_a_link_messages_name_the_playbook()
      throws Exception {
    Config linked = ConfigFile.parse("riskline.yaml", """
        playbooks: examples/playbooks
        playbookUrl: https://git.example.com/sec/playbooks/blob/main/
        """, Path.of("."), Config.defaults());
    Config plain = ConfigFile.parse("riskline.yaml", "playbooks: examples/playbooks\n", Path.of("."),
        Config.defaults());

    assertThat(linked.playbooks().url("cis-iam-credentials"))
        .isEqualTo("https://git.example.com/sec/playbooks/blob/main/cis-iam-credentials");
    assertThat(linked.playbooks().url("a b/c")).as("an id is one path segment")
        .isEqualTo("https://git.example.com/sec/playbooks/blob/main/a%20b%2Fc");
    assertThat(plain.playbooks().url("cis-iam-credentials")).isNull();
    @SuppressWarnings("unchecked")
    Finding f = Finding.of(JSON.readValue(FINDING, Map.class));
    Riskline engine = Riskline.create(plain);
    Message m = Message.of(engine.event(engine.triage(f, f)));
    assertThat(m.playbook()).isEqualTo("cis-iam-credentials");
    assertThat(m.playbookLink()).isNull();
  }
}

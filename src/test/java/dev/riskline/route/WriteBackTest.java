package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.schedule.Scheduled;
import dev.riskline.schedule.State;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteBackTest {
  private static Finding finding(String workflow) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("Id", "f-1");
    tree.put("ProductArn", "arn:aws:securityhub:us-east-1::product/aws/securityhub");
    tree.put("Workflow", Map.of("Status", workflow));
    return Finding.of(tree);
  }

  private static final Assessment RISK = new Assessment("CRITICAL", "CRITICAL", "HIGH", "matrix", List.of(), null);
  private static final Scheduled OPEN = new Scheduled(null, Instant.parse("2026-12-07T00:00:00Z"), State.OPEN,
      null, null, null, List.of());

  @Test
  void nothing_is_written_without_a_routed_change() {
    assertThat(WriteBack.of(finding("NEW"), RISK, OPEN, null, List.of("r"), List.of())).isNull();
    assertThat(WriteBack.of(finding("NEW"), RISK, OPEN, Change.NEW, List.of(), List.of())).isNull();
  }

  @Test
  void a_new_finding_someone_was_told_of_becomes_notified_with_a_note_and_fields() {
    Map<String, Object> body = WriteBack.of(finding("NEW"), RISK, OPEN, Change.NEW, List.of("critical-to-chat"),
        List.of("https://jira.example.com/browse/SEC-12"));

    assertThat(body).containsEntry("Workflow", Map.of("Status", "NOTIFIED"));
    assertThat(body.get("Note")).isEqualTo(Map.of("Text",
        "Riskline: CRITICAL, due 2026-12-07 (NEW); sent to critical-to-chat; ticket https://jira.example.com/browse/SEC-12",
        "UpdatedBy", "riskline"));
    assertThat(body.get("UserDefinedFields"))
        .isEqualTo(Map.of("riskline.rating", "CRITICAL", "riskline.due", "2026-12-07T00:00:00Z"));
  }

  @Test
  void the_note_names_every_ticket_of_the_finding() {
    Map<?, ?> note = (Map<?, ?>) WriteBack.of(finding("NEW"), RISK, OPEN, Change.ESCALATED, List.of("r"),
        List.of("https://acme.atlassian.net/browse/SEC-12", "https://acme.service-now.com/incident.do?sys_id=1")).get("Note");

    assertThat(note.get("Text")).isEqualTo("Riskline: CRITICAL, due 2026-12-07 (ESCALATED); sent to r; tickets"
        + " https://acme.atlassian.net/browse/SEC-12, https://acme.service-now.com/incident.do?sys_id=1");
  }

  @Test
  void the_workflow_is_left_alone_when_someone_already_set_it_or_the_change_is_not_news() {
    assertThat(WriteBack.of(finding("NOTIFIED"), RISK, OPEN, Change.NEW, List.of("r"), List.of())).doesNotContainKey("Workflow");
    assertThat(WriteBack.of(finding("NEW"), RISK, OPEN, Change.OVERDUE, List.of("r"), List.of())).doesNotContainKey("Workflow");
  }

  @Test
  void the_note_stays_within_security_hubs_512_characters() {
    String route = "r".repeat(600);
    Map<?, ?> note = (Map<?, ?>) WriteBack.of(finding("NEW"), RISK, OPEN, Change.NEW, List.of(route), List.of()).get("Note");
    assertThat(((String) note.get("Text")).length()).isEqualTo(512);
  }
}

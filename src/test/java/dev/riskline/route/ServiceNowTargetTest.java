package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket contract on the ServiceNow Table API (incident, Basic username:password), and what only it does. */
class ServiceNowTargetTest extends TicketTargetContract {
  FakeServiceNow now;

  @Override
  FakeTicketServer start() throws Exception {
    now = new FakeServiceNow(JiraTarget.basic("riskline.integration", PASSWORD));
    return now;
  }

  @Override
  Map<String, Object> settings(String url) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "servicenow");
    s.put("url", url);
    s.put("allowInsecureHttp", true);
    s.put("username", "riskline.integration");
    s.put("password", "${TICKET_PASSWORD}");
    s.put("assignmentGroup", "Cloud Security");
    s.put("fields", Map.of("category", "security"));
    s.put("playbookUrl", "https://wiki.example.com/playbooks/");
    return s;
  }

  @Override
  int count() {
    return now.records.size();
  }

  @Override
  String onlyKey() {
    assertThat(now.records).hasSize(1);
    return now.records.keySet().iterator().next();
  }

  @Override
  boolean resolved(String key) {
    return now.records.get(key).path("state").asText().equals("6");
  }

  @Override
  List<String> notes(String key) {
    return now.workNotes.get(key);
  }

  @Override
  String description(String key) {
    return now.records.get(key).path("description").asText();
  }

  @Override
  void closeForGood(String key) {
    now.records.get(key).put("state", "7");
  }

  @Override
  List<String> keys() {
    return List.copyOf(now.records.keySet());
  }

  @Test
  void an_escalation_sets_impact_urgency_and_due_date_with_the_work_note() {
    Target t = target();
    send(t, created());

    Target.Outcome o = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    JsonNode r = now.records.get(onlyKey());
    assertThat(r.path("impact").asText()).isEqualTo("1");
    assertThat(r.path("urgency").asText()).isEqualTo("1");
    assertThat(r.path("due_date").asText()).isEqualTo("2026-12-08 00:00:00");
    assertThat(notes(onlyKey())).hasSize(1);
    assertThat(o.detail()).endsWith(": set impact 1, urgency 1, due_date 2026-12-08 00:00:00 and commented on"
        + " INC0010001 (ESCALATED)");
  }

  @Test
  void fields_a_data_policy_refuses_leave_the_work_note_posted_and_the_refusal_in_the_detail() {
    Target t = target();
    send(t, created());
    now.readOnly.add("due_date");

    Target.Outcome o = send(t, delivery(Change.DOWNGRADED, "LOW", "2027-02-28", "OPEN"));

    assertThat(o.sent()).as(o.detail()).isTrue();
    JsonNode r = now.records.get(onlyKey());
    assertThat(r.path("impact").asText()).as("as created").isEqualTo("1");
    assertThat(r.path("due_date").asText()).isEqualTo("2026-12-31 00:00:00");
    assertThat(notes(onlyKey())).singleElement().asString().startsWith("Downgraded: the risk went down.");
    assertThat(o.detail()).endsWith(": commented on INC0010001 (DOWNGRADED); not set: impact, urgency, due_date (HTTP 403:"
        + " {\"message\":\"Data Policy Exception: the following fields are read only: due_date\"}); the comment was posted"
        + " all the same");
  }

  @Test
  void the_incident_has_impact_urgency_correlation_group_fields_and_due_date() {
    send(target(), delivery(Change.NEW, "CRITICAL", "2026-12-08", "OPEN"));

    JsonNode r = now.records.get(onlyKey());
    assertThat(r.path("short_description").asText())
        .isEqualTo("CRITICAL risk: CVE-2021-44228 - org.apache.logging.log4j:log4j-core in prod (111122223333)");
    assertThat(r.path("impact").asText()).isEqualTo("1");
    assertThat(r.path("urgency").asText()).isEqualTo("1");
    assertThat(r.path("correlation_id").asText()).isEqualTo("riskline-" + FINDING_KEY);
    assertThat(r.path("correlation_display").asText()).isEqualTo("Riskline");
    assertThat(r.path("assignment_group").asText()).isEqualTo("Cloud Security");
    assertThat(r.path("category").asText()).isEqualTo("security");
    assertThat(r.path("due_date").asText()).isEqualTo("2026-12-08 00:00:00");
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::number)
        .isEqualTo("INC0010001");
  }

  @Test
  void resolving_sets_state_6_with_close_code_and_notes_and_reopening_state_2() {
    Target t = target();
    send(t, created());
    send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));
    JsonNode r = now.records.get(onlyKey());

    assertThat(r.path("state").asText()).isEqualTo("6");
    assertThat(r.path("close_code").asText()).isEqualTo("Solution provided");
    assertThat(r.path("close_notes").asText()).startsWith("Resolved: the finding is fixed or gone.");

    send(t, delivery(Change.REOPENED, "HIGH", "2027-01-31", "OPEN"));
    assertThat(now.records.get(onlyKey()).path("state").asText()).isEqualTo("2");
  }

  @Test
  void a_high_rating_is_impact_1_urgency_2_and_configured_levels_win() {
    Map<String, Object> s = new LinkedHashMap<>(settings(now.url()));
    s.put("urgency", Map.of("HIGH", 3));
    send(target(s), created());

    JsonNode r = now.records.get(onlyKey());
    assertThat(r.path("impact").asText()).isEqualTo("1");
    assertThat(r.path("urgency").asText()).isEqualTo("3");
  }
}

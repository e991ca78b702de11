package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ticket contract on Jira, and what only Jira does; a subclass per flavor. */
abstract class JiraTargetContract extends TicketTargetContract {
  FakeJira jira;

  abstract boolean cloud();

  @Override
  FakeTicketServer start() throws Exception {
    jira = new FakeJira(cloud(), cloud() ? JiraTarget.basic("soc@example.com", TOKEN) : "Bearer " + TOKEN);
    return jira;
  }

  @Override
  Map<String, Object> settings(String url) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "jira");
    s.put("flavor", cloud() ? "cloud" : "datacenter");
    s.put("url", url);
    s.put("allowInsecureHttp", true);
    s.put("project", "SEC");
    if (cloud()) s.put("email", "soc@example.com");
    s.put("token", "${TICKET_TOKEN}");
    s.put("labels", List.of("security"));
    s.put("priorities", Map.of("CRITICAL", "Highest", "HIGH", "High"));
    s.put("playbookUrl", "https://wiki.example.com/playbooks/");
    return s;
  }

  @Override
  int count() {
    return jira.issues.size();
  }

  @Override
  String onlyKey() {
    assertThat(jira.issues).hasSize(1);
    return jira.issues.keySet().iterator().next();
  }

  @Override
  boolean resolved(String key) {
    return jira.issues.get(key).status.equals("Done");
  }

  @Override
  List<String> notes(String key) {
    return jira.issues.get(key).comments.stream().map(FakeJira::text).toList();
  }

  @Override
  String description(String key) {
    return FakeJira.text(jira.issues.get(key).fields.path("description"));
  }

  @Override
  void closeForGood(String key) {
    jira.issues.get(key).status = "Closed";
  }

  @Override
  List<String> keys() {
    return jira.keys();
  }

  private String api() {
    return cloud() ? "/rest/api/3" : "/rest/api/2";
  }

  @Test
  void an_escalation_sets_the_priority_and_the_due_date_then_comments() {
    Target t = target();
    send(t, created());

    Target.Outcome o = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    JsonNode f = jira.issues.get("SEC-1").fields;
    assertThat(f.path("priority").path("name").asText()).isEqualTo("Highest");
    assertThat(f.path("duedate").asText()).isEqualTo("2026-12-08");
    assertThat(jira.issues.get("SEC-1").comments).hasSize(1);
    assertThat(o.detail()).endsWith(": set priority Highest, duedate 2026-12-08 and commented on SEC-1 (ESCALATED)");
    assertThat(jira.requests).containsSubsequence("PUT " + api() + "/issue/SEC-1", "POST " + api() + "/issue/SEC-1/comment");
  }

  @Test
  void a_downgrade_to_a_rating_without_a_priority_sets_only_the_due_date() {
    Target t = target();
    send(t, created());

    Target.Outcome o = send(t, delivery(Change.DOWNGRADED, "MEDIUM", "2027-01-30", "OPEN"));

    JsonNode f = jira.issues.get("SEC-1").fields;
    assertThat(f.path("priority").path("name").asText()).as("as created").isEqualTo("High");
    assertThat(f.path("duedate").asText()).isEqualTo("2027-01-30");
    assertThat(o.detail()).endsWith(": set duedate 2027-01-30 and commented on SEC-1 (DOWNGRADED)");
  }

  @Test
  void a_field_jira_refuses_is_left_out_the_rest_is_set_and_the_comment_is_posted_all_the_same() {
    Target t = target();
    send(t, created());
    jira.notEditable.add("duedate");

    Target.Outcome o = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    assertThat(o.sent()).as(o.detail()).isTrue();
    JsonNode f = jira.issues.get("SEC-1").fields;
    assertThat(f.path("priority").path("name").asText()).isEqualTo("Highest");
    assertThat(f.path("duedate").asText()).as("as created").isEqualTo("2026-12-31");
    assertThat(jira.issues.get("SEC-1").comments).hasSize(1);
    assertThat(o.detail()).endsWith(": set priority Highest and commented on SEC-1 (ESCALATED); not set: duedate"
        + " (Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.); the comment was posted"
        + " all the same");
  }

  @Test
  void when_every_field_is_refused_only_the_comment_is_posted() {
    Map<String, Object> s = new LinkedHashMap<>(settings(jira.url()));
    s.put("priorities", Map.of("CRITICAL", "P0", "HIGH", "High"));
    s.put("dueDate", false);
    Target t = target(s);
    send(t, created());

    Target.Outcome o = send(t, delivery(Change.ESCALATED, "CRITICAL", "2026-12-08", "OPEN"));

    assertThat(jira.issues.get("SEC-1").comments).hasSize(1);
    assertThat(o.detail()).endsWith(": commented on SEC-1 (ESCALATED); not set: priority (Priority name 'P0' is not"
        + " valid); the comment was posted all the same");
  }

  @Test
  void a_reopen_of_a_done_issue_whose_workflow_has_a_way_back_but_not_the_configured_one_fails_for_good() {
    Map<String, Object> s = new LinkedHashMap<>(settings(jira.url()));
    s.put("transitions", Map.of("reopen", "Reopen Issue"));
    Target t = target(s);
    send(t, created());
    send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));

    Target.Outcome o = send(t, delivery(Change.REOPENED, "HIGH", "2027-01-31", "OPEN"));

    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).endsWith("SEC-1 in status \"Done\" has no transition \"Reopen Issue\"; expected one of"
        + " [In Progress, To Do] (set transitions.reopen)");
    assertThat(jira.keys()).containsExactly("SEC-1");
  }

  @Test
  void the_issue_has_the_project_type_labels_priority_and_due_date() {
    send(target(), created());

    JsonNode f = jira.issues.get("SEC-1").fields;
    assertThat(f.path("issuetype").path("name").asText()).isEqualTo("Task");
    assertThat(f.path("summary").asText())
        .isEqualTo("HIGH risk: CVE-2021-44228 - org.apache.logging.log4j:log4j-core in prod (111122223333)");
    assertThat(f.path("labels")).extracting(JsonNode::asText)
        .containsExactly("riskline", "riskline-" + FINDING_KEY, "security");
    assertThat(f.path("priority").path("name").asText()).isEqualTo("High");
    assertThat(f.path("duedate").asText()).isEqualTo("2026-12-31");
    assertThat(tickets.ticket("tickets", FINDING_KEY)).get().extracting(Tickets.Ticket::url)
        .isEqualTo(jira.url() + "/browse/SEC-1");
  }

  @Test
  void the_search_before_creating_asks_for_the_finding_s_label() {
    send(target(), created());

    String search = cloud() ? "GET /rest/api/3/search/jql" : "GET /rest/api/2/search";
    String api = cloud() ? "/rest/api/3" : "/rest/api/2";
    assertThat(jira.requests).containsExactly(search, "POST " + api + "/issue");
  }

  @Test
  void a_missing_transition_fails_for_good_naming_the_ones_there_are() {
    Map<String, Object> s = new LinkedHashMap<>(settings(jira.url()));
    s.put("transitions", Map.of("resolve", "Close Issue"));
    Target t = target(s);
    send(t, created());

    Target.Outcome o = send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));

    assertThat(o.permanent()).isTrue();
    assertThat(o.detail()).endsWith("SEC-1 in status \"To Do\" has no transition \"Close Issue\"; expected one of"
        + " [Done, In Progress] (set transitions.resolve)");
  }

  @Test
  void an_issue_resolved_by_hand_is_left_done_and_commented() {
    Target t = target();
    send(t, created());
    jira.issues.get("SEC-1").status = "Done";

    Target.Outcome o = send(t, delivery(Change.RESOLVED, "HIGH", "2026-12-31", "RESOLVED"));

    assertThat(o.sent()).as(o.detail()).isTrue();
    assertThat(jira.issues.get("SEC-1").status).isEqualTo("Done");
    assertThat(jira.issues.get("SEC-1").comments).hasSize(1);
  }
}

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

package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Problem;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of target tells a digest as one message: its count, ratings, earliest due date and top findings. */
class DigestMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  private static final String IMAGE = "arn:aws:ecr:eu-west-1:111122223333:repository/shop/sha256:aaaa";
  private static final List<String> RATINGS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

  private static Delivery member(int i, String rating, String due) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", "arn:aws:inspector2:eu-west-1:111122223333:finding/f" + i);
    finding.put("AwsAccountId", "111122223333");
    finding.put("ProductName", "Inspector");
    finding.put("Title", "CVE-2026-100" + i + " - openssl");
    finding.put("Resources", List.of(Map.of("Type", "AwsEcrContainerImage", "Id", IMAGE)));
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", Map.of("Rating", rating));
    riskline.put("Due", due);
    riskline.put("State", "OPEN");
    String event = TriageEvent.json(Change.NEW, finding, riskline);
    Delivery.Group g = new Delivery.Group("per-image/chat/abc", "{\"/detail/finding/Resources/0/Id\":\"" + IMAGE + "\"}",
        Duration.ofMinutes(15), T0, RATINGS.indexOf(rating));
    Delivery d = Delivery.pending("per-image", "chat", Change.NEW, "f" + i, event, T0).inGroup(g);
    return new Delivery(i, d.key(), d.route(), d.target(), d.change(), d.findingKey(), d.event(), d.status(), 0,
        g.end(), null, T0, null, g);
  }

  /** Twelve members: 3 CRITICAL, 4 HIGH, 5 MEDIUM, due from 2026-02-20 (the first) to 2026-02-09 (the last). */
  private static Delivery digest(int shown) {
    List<Delivery> members = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String rating = i < 3 ? "CRITICAL" : i < 7 ? "HIGH" : "MEDIUM";
      members.add(member(i, rating, "2026-02-%02dT08:00:00Z".formatted(20 - i)));
    }
    return DigestEvent.delivery(members, shown);
  }

  @Test
  void the_digest_event_counts_every_member_and_carries_the_highest_rated_first() throws Exception {
    Delivery d = digest(4);
    JsonNode detail = JSON.readTree(d.event()).get("detail");

    assertThat(d.key()).isEqualTo("digest/per-image/chat/abc/2026-02-01T08:00:00Z");
    assertThat(d.createdAt()).as("made when the window ends").isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(detail.get("count").asInt()).isEqualTo(12);
    assertThat(detail.get("ratings").toString()).isEqualTo("{\"CRITICAL\":3,\"HIGH\":4,\"MEDIUM\":5}");
    assertThat(detail.get("due").asText()).isEqualTo("2026-02-09T08:00:00Z");
    assertThat(detail.get("findings")).extracting(f -> f.at("/detail/finding/Title").asText())
        .as("highest rating first, then soonest due").containsExactly("CVE-2026-1002 - openssl",
            "CVE-2026-1001 - openssl", "CVE-2026-1000 - openssl", "CVE-2026-1006 - openssl");
    assertThat(detail.get("omitted").asInt()).isEqualTo(8);
  }

  @Test
  void slack_says_how_many_findings_on_what_the_ratings_the_first_due_date_and_the_top_ones() throws Exception {
    SlackTarget slack = new SlackTarget("chat", URI.create("https://hooks.slack.com/services/T/B/X"),
        Templates.bundled("slack", Templates::slack), Http.create(Duration.ofSeconds(1)));

    JsonNode payload = JSON.readTree(slack.payload(Message.of(digest(3).event())));

    assertThat(payload.get("text").asText()).isEqualTo("CRITICAL risk: 12 findings on " + IMAGE);
    assertThat(payload.at("/blocks/1/text/text").asText()).isEqualTo("""
        *12 findings on %s*: 3 CRITICAL, 4 HIGH, 5 MEDIUM · first due 2026-02-09
        Route per-image · 2026-02-01 08:00 to 08:15 UTC
        • *CRITICAL* CVE-2026-1002 - openssl · %s · due 2026-02-18
        • *CRITICAL* CVE-2026-1001 - openssl · %s · due 2026-02-19
        • *CRITICAL* CVE-2026-1000 - openssl · %s · due 2026-02-20
        …and 9 more""".formatted(IMAGE, IMAGE, IMAGE, IMAGE));
    assertThat(payload.at("/blocks/2/elements/0/text").asText()).isEqualTo("Riskline · DIGEST · route per-image");
  }

  @Test
  void teams_shows_the_digest_with_its_count_route_and_window_as_facts() throws Exception {
    TeamsTarget teams = new TeamsTarget("teams", URI.create("https://example.webhook.office.com/x"),
        Templates.bundled("teams", Templates::plain), Http.create(Duration.ofSeconds(1)));

    JsonNode card = JSON.readTree(teams.payload(Message.of(digest(2).event()))).at("/attachments/0/content");

    assertThat(card.at("/body/0/text").asText()).isEqualTo("CRITICAL risk: 12 findings on " + IMAGE);
    assertThat(card.at("/body/1/text").asText()).startsWith("**12 findings on " + IMAGE
        + "**: 3 CRITICAL, 4 HIGH, 5 MEDIUM · first due 2026-02-09\nRoute per-image").endsWith("…and 10 more");
    assertThat(card.at("/body/2/facts").toString()).isEqualTo("[{\"title\":\"Change\",\"value\":\"DIGEST\"},"
        + "{\"title\":\"Due\",\"value\":\"2026-02-09\"},{\"title\":\"Findings\",\"value\":\"12\"},"
        + "{\"title\":\"Route\",\"value\":\"per-image\"},{\"title\":\"Window\",\"value\":\"2026-02-01 08:00 to 08:15 UTC\"}]");
  }

  @Test
  void an_email_digest_has_its_own_subject_body_and_a_message_id_stable_for_the_group() throws Exception {
    List<Problem> problems = new ArrayList<>();
    EmailTarget mail = EmailTarget.read("mail", EmailTargetTest.settings("""
        targets:
          - {name: mail, type: email, host: 127.0.0.1, from: riskline@example.com, to: [secops@example.com]}
        """, problems), n -> null);
    assertThat(problems).isEmpty();

    MimeMessage m = mail.message(digest(2));
    MimeMessage again = mail.message(digest(2));

    assertThat(m.getSubject()).isEqualTo("[Riskline] 12 findings on " + IMAGE + ": 3 CRITICAL, 4 HIGH, 5 MEDIUM");
    assertThat(m.getHeader("X-Riskline-Change", null)).isEqualTo("DIGEST");
    assertThat(m.getHeader("Message-ID", null)).isEqualTo(again.getHeader("Message-ID", null));
    assertThat(((String) m.getContent()).replace("\r\n", "\n"))
        .contains("  Ratings:    3 CRITICAL, 4 HIGH, 5 MEDIUM\n  First due:  2026-02-09\n")
        .contains("  - CRITICAL: CVE-2026-1002 - openssl\n      due 2026-02-18 · account 111122223333 · " + IMAGE)
        .contains("  ... and 10 more");
  }

  @Test
  void syslog_tells_a_digest_in_one_line_and_splunk_gets_the_digest_event() throws Exception {
    byte[] line = Rfc5424.format(16, T0, "host", "riskline", Message.of(digest(2).event()), 2048);
    SplunkHecTarget splunk = new SplunkHecTarget("splunk", URI.create("https://splunk.example.com:8088"
        + SplunkHecTarget.EVENT_PATH), "token", null, "riskline:finding", Http.create(Duration.ofSeconds(1)),
        Clock.systemUTC());

    JsonNode hec = JSON.readTree(splunk.payload(digest(2)));

    assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("<130>1 2026-02-01T08:00:00.000Z host riskline - DIGEST"
        + " [riskline@32473 rating=\"CRITICAL\" title=\"12 findings on " + IMAGE + "\" due=\"2026-02-09\"]"
        + " CRITICAL risk (DIGEST): 12 findings on " + IMAGE + ": 3 CRITICAL, 4 HIGH, 5 MEDIUM; first due 2026-02-09");
    assertThat(hec.get("time").asLong()).as("the window's end").isEqualTo(T0.plus(Duration.ofMinutes(15)).getEpochSecond());
    assertThat(hec.at("/event/detail-type").asText()).isEqualTo("Riskline Digest");
    assertThat(hec.at("/event/detail/count").asInt()).isEqualTo(12);
  }
}

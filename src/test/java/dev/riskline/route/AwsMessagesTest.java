package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What SNS and SQS messages carry besides the event: subject, attributes, FIFO ids. */
class AwsMessagesTest {
  private static Delivery delivery(Change change, String title, String rating) {
    Map<String, Object> finding = new LinkedHashMap<>();
    finding.put("Id", AwsDeliveries.FINDING_KEY);
    finding.put("Title", title);
    Map<String, Object> risk = new LinkedHashMap<>();
    if (rating != null) risk.put("Rating", rating);
    risk.put("Reasons", List.of());
    Map<String, Object> riskline = new LinkedHashMap<>();
    riskline.put("Risk", risk);
    String event = TriageEvent.json(change, finding, riskline);
    return Delivery.pending("critical", "alerts", change, AwsDeliveries.FINDING_KEY, event, AwsDeliveries.FOUND);
  }

  private static String subject(Delivery d) {
    return AwsMessages.subject(d, Message.of(d.event()));
  }

  @Test
  void the_subject_names_change_rating_and_title() {
    assertThat(subject(delivery(Change.ESCALATED, "Log4Shell in i-0abc", "HIGH")))
        .isEqualTo("Riskline ESCALATED HIGH: Log4Shell in i-0abc");
    assertThat(subject(delivery(Change.RESOLVED, " ", null))).isEqualTo("Riskline RESOLVED");
  }

  @Test
  void the_subject_is_printable_ascii_on_one_line_of_at_most_100_characters() {
    String title = "Café\tserver\nexposes ✓ port 22 " + "to the internet ".repeat(10);

    String subject = subject(delivery(Change.NEW, title, "CRITICAL"));

    assertThat(subject).hasSize(100).matches("[\\x20-\\x7E]+").endsWith("...")
        .startsWith("Riskline NEW CRITICAL: Cafe server exposes ? port 22 to the internet");
  }

  @Test
  void attributes_leave_out_what_the_event_lacks() {
    Delivery d = delivery(Change.RESOLVED, "x", null);

    assertThat(AwsMessages.attributes(d, Message.of(d.event())))
        .containsExactly(Map.entry("riskline.change", "RESOLVED"), Map.entry("riskline.idempotency-key", d.key()));
  }

  @Test
  void one_finding_is_one_fifo_group_and_each_message_its_own_deduplication_id() {
    Delivery found = delivery(Change.NEW, "x", "HIGH");
    Delivery resolved = delivery(Change.RESOLVED, "x", "HIGH");

    assertThat(AwsMessages.groupId(found)).isEqualTo(AwsMessages.groupId(resolved)).matches("[0-9a-f]{64}");
    assertThat(AwsMessages.deduplicationId(found)).isNotEqualTo(AwsMessages.deduplicationId(resolved))
        .matches("[0-9a-f]{64}");
  }
}

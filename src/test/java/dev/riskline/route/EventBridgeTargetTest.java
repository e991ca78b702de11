package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The EventBridge target against moto: a rule on the bus sends matching events to an SQS queue, where
 * they are read back.
 */
class EventBridgeTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final MotoAws AWS = new MotoAws();
  private static EventBridgeClient events;

  @BeforeAll
  static void start() {
    events = AWS.client(EventBridgeClient.builder());
  }

  private EventBridgeTarget target(Map<String, Object> extra) {
    return AWS.target(EventBridgeTarget::read, "bus", Map.of("type", "eventbridge"), extra);
  }

  /** A queue that a rule on the bus sends the events matching {@code pattern} to. */
  private static String ruleToQueue(String bus, String pattern, String queueName) {
    String url = AWS.queue(queueName);
    String arn = AWS.queueArn(url);
    events.putRule(r -> r.name(queueName).eventBusName(bus).eventPattern(pattern));
    events.putTargets(r -> r.rule(queueName).eventBusName(bus).targets(t -> t.id("queue").arn(arn)));
    return url;
  }

  private static List<Message> receive(String queueUrl) {
    return AWS.receive(queueUrl);
  }

  @Test
  void puts_the_event_on_the_default_bus_where_a_rule_on_source_riskline_matches_it() throws Exception {
    String queue = ruleToQueue("default", "{\"source\": [\"riskline\"]}", "riskline-events");
    Delivery d = AwsDeliveries.delivery("bus", "Log4Shell in i-0abc");

    Target.Outcome outcome = target(Map.of()).send(d);

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).startsWith("eventbridge bus (bus default): EventId ");
    List<Message> received = receive(queue);
    assertThat(received).hasSize(1);
    JsonNode event = JSON.readTree(received.get(0).body());
    JsonNode sent = JSON.readTree(d.event());
    assertThat(event.get("source").asText()).isEqualTo("riskline");
    assertThat(event.get("detail-type").asText()).isEqualTo("Riskline Finding NEW");
    assertThat(event.get("detail")).isEqualTo(sent.get("detail"));
    assertThat(event.get("time").asText()).isEqualTo("2026-12-01T08:30:00Z");
    assertThat(event.get("region").asText()).isEqualTo("us-east-1");
  }

  @Test
  void a_rule_on_a_custom_bus_matches_the_configured_source_and_the_rating_in_the_detail() throws Exception {
    events.createEventBus(r -> r.name("security"));
    String critical = ruleToQueue("security", """
        {"source": ["riskline.prod"], "detail": {"riskline": {"Risk": {"Rating": ["CRITICAL"]}}}}""", "critical");
    String low = ruleToQueue("security", """
        {"source": ["riskline.prod"], "detail": {"riskline": {"Risk": {"Rating": ["LOW"]}}}}""", "low");

    Target.Outcome outcome = target(Map.of("eventBusName", "security", "source", "riskline.prod"))
        .send(AwsDeliveries.delivery("bus", "Log4Shell in i-0abc"));

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    List<Message> received = receive(critical);
    assertThat(received).hasSize(1);
    assertThat(JSON.readTree(received.get(0).body()).get("source").asText()).isEqualTo("riskline.prod");
    assertThat(receive(low)).isEmpty();
  }

  @Test
  void a_bus_that_does_not_exist_fails_for_good() {
    Target.Outcome outcome = target(Map.of("eventBusName", "no-such-bus"))
        .send(AwsDeliveries.delivery("bus", "x"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).startsWith("eventbridge bus (bus no-such-bus): ResourceNotFoundException (HTTP 400)")
        .contains("no-such-bus does not exist");
  }

  @Test
  void an_entry_over_256_KiB_fails_for_good_naming_its_size() {
    Target.Outcome outcome = target(Map.of()).send(AwsDeliveries.delivery("bus", "x".repeat(262_000)));

    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).matches("eventbridge bus \\(bus default\\): the message is 26\\d{4} bytes \\(the "
        + "PutEvents entry: time, source, detail type and detail\\); at most 262144 \\(256 KiB\\) are accepted");
  }

  /** PutEvents answers 200 with a failed entry; moto fails entries only for input this target never sends. */
  @Test
  void a_failed_entry_is_retried_for_internal_failure_and_throttling_and_fails_for_good_otherwise() {
    EventBridgeTarget target = target(Map.of());

    assertThat(target.outcome(failed("InternalFailure", "try again")).permanent()).isFalse();
    assertThat(target.outcome(failed("ThrottlingException", "rate exceeded")).permanent()).isFalse();
    Target.Outcome denied = target.outcome(failed("AccessDeniedException", "not authorized to put events"));
    assertThat(denied.sent()).isFalse();
    assertThat(denied.permanent()).isTrue();
    assertThat(denied.detail()).isEqualTo(
        "eventbridge bus (bus default): the entry failed: AccessDeniedException: not authorized to put events");
    assertThat(target.outcome(failed("MalformedDetail", "Detail is malformed.")).permanent()).isTrue();
    Target.Outcome sent = target.outcome(PutEventsResponse.builder().failedEntryCount(0)
        .entries(PutEventsResultEntry.builder().eventId("e-1").build()).build());
    assertThat(sent.sent()).isTrue();
    assertThat(sent.detail()).isEqualTo("eventbridge bus (bus default): EventId e-1");
  }

  private static PutEventsResponse failed(String code, String message) {
    return PutEventsResponse.builder().failedEntryCount(1)
        .entries(PutEventsResultEntry.builder().errorCode(code).errorMessage(message).build()).build();
  }
}

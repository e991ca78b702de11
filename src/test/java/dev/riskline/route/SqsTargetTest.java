package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SQS target against moto's SQS: what is sent is read back from the queue. */
class SqsTargetTest {
  @RegisterExtension
  static final MotoAws AWS = new MotoAws();

  private SqsTarget target(String queueUrl, Map<String, Object> extra) {
    return AWS.target(SqsTarget::read, "queue", Map.of("type", "sqs", "queueUrl", queueUrl), extra);
  }

  private static String queue(String name) {
    return AWS.queue(name);
  }

  private static List<Message> receive(String queueUrl) {
    return AWS.receive(queueUrl);
  }

  private static String text(MessageAttributeValue v) {
    return v.dataType() + " " + v.stringValue();
  }

  @Test
  void sends_the_triage_event_with_rating_change_state_and_key_attributes() {
    String queue = queue("riskline-findings");
    Delivery d = AwsDeliveries.delivery("queue", "Log4Shell in i-0abc");

    Target.Outcome outcome = target(queue, Map.of()).send(d);

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).startsWith("sqs queue (" + queue + "): MessageId ");
    List<Message> received = receive(queue);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).body()).isEqualTo(d.event());
    Map<String, MessageAttributeValue> attributes = received.get(0).messageAttributes();
    assertThat(attributes.keySet()).containsExactlyInAnyOrder("riskline.rating", "riskline.change",
        "riskline.state", "riskline.idempotency-key");
    assertThat(text(attributes.get("riskline.rating"))).isEqualTo("String CRITICAL");
    assertThat(text(attributes.get("riskline.change"))).isEqualTo("String NEW");
    assertThat(text(attributes.get("riskline.state"))).isEqualTo("String OPEN");
    assertThat(text(attributes.get("riskline.idempotency-key"))).isEqualTo("String " + d.key());
  }

  @Test
  void a_fifo_queue_keeps_one_message_of_a_delivery_sent_twice() {
    String queue = queue("riskline-findings.fifo");
    Delivery d = AwsDeliveries.delivery("queue", "Log4Shell in i-0abc");
    SqsTarget target = target(queue, Map.of());

    assertThat(target.send(d).sent()).isTrue();
    assertThat(target.send(d).sent()).as("SQS accepts the repeat and drops it").isTrue();

    List<Message> received = receive(queue);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).body()).isEqualTo(d.event());
    assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo(AwsMessages.sha256(AwsDeliveries.FINDING_KEY));
    assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
        .isEqualTo(AwsMessages.sha256(d.key()));
  }

  @Test
  void a_queue_that_does_not_exist_fails_for_good() {
    String missing = AWS.moto().endpoint() + "/123456789012/no-such-queue";

    Target.Outcome outcome = target(missing, Map.of()).send(AwsDeliveries.delivery("queue", "x"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).startsWith("sqs queue (" + missing + "): ")
        .contains("(HTTP 400): The specified queue does not exist");
  }

  @Test
  void an_endpoint_nobody_listens_on_is_retried() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    String queue = "https://sqs.us-east-1.amazonaws.com/123456789012/riskline-findings";

    Target.Outcome outcome = target(queue, Map.of("endpoint", "http://127.0.0.1:" + closed))
        .send(AwsDeliveries.delivery("queue", "x"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.detail()).startsWith("sqs queue (" + queue + "): SdkClientException: ")
        .doesNotContain("hunter2");
  }

  @Test
  void a_message_over_256_KiB_fails_for_good_before_it_is_sent() {
    String queue = queue("riskline-findings");

    Target.Outcome outcome = target(queue, Map.of()).send(AwsDeliveries.delivery("queue", "x".repeat(262_000)));

    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).matches("sqs queue \\(.*\\): the message is 26\\d{4} bytes \\(the triage event and "
        + "its attributes\\); at most 262144 \\(256 KiB\\) are accepted");
    assertThat(receive(queue)).isEmpty();
  }
}

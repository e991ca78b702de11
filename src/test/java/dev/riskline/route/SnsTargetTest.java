package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Problem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SNS target against moto's SNS, with SQS queues subscribed to read back what was published. */
class SnsTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MotoServer moto;
  private static SnsClient sns;
  private static SqsClient sqs;
  private final List<AwsTarget> targets = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    sns = moto.client(SnsClient.builder());
    sqs = moto.client(SqsClient.builder());
  }

  @AfterAll
  static void stop() {
    sns.close();
    sqs.close();
    moto.close();
  }

  @BeforeEach
  void reset() throws Exception {
    moto.reset();
  }

  @AfterEach
  void close() {
    targets.forEach(AwsTarget::close);
  }

  private SnsTarget target(String topicArn, Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>(moto.settings());
    settings.put("type", "sns");
    settings.put("topicArn", topicArn);
    settings.putAll(extra);
    List<Problem> problems = new ArrayList<>();
    SnsTarget t = SnsTarget.read("alerts", SplunkHecTargetTest.section(settings, problems), MotoServer.ENV::get);
    assertThat(problems).isEmpty();
    targets.add(t);
    return t;
  }

  /** A queue subscribed to the topic, receiving only what the filter policy lets through (null: all). */
  private String subscribedQueue(String topicArn, String queueName, String filterPolicy) {
    Map<QueueAttributeName, String> attributes = queueName.endsWith(".fifo")
        ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    String url = sqs.createQueue(r -> r.queueName(queueName).attributes(attributes)).queueUrl();
    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    Map<String, String> subscription = filterPolicy == null ? Map.of() : Map.of("FilterPolicy", filterPolicy);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(subscription));
    return url;
  }

  private static List<Message> receive(String queueUrl) {
    return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }

  @Test
  void publishes_the_triage_event_with_a_subject_and_attributes_that_filter_policies_route_on() throws Exception {
    String topic = sns.createTopic(r -> r.name("security-alerts")).topicArn();
    String critical = subscribedQueue(topic, "critical", "{\"riskline.rating\": [\"CRITICAL\"]}");
    String low = subscribedQueue(topic, "low", "{\"riskline.rating\": [\"LOW\"]}");
    Delivery d = AwsDeliveries.delivery("alerts", "Log4Shell in i-0abc");

    Target.Outcome outcome = target(topic, Map.of()).send(d);

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).startsWith("sns alerts (" + topic + "): MessageId ");
    List<Message> received = receive(critical);
    assertThat(received).hasSize(1);
    JsonNode envelope = JSON.readTree(received.get(0).body());
    assertThat(envelope.get("Message").asText()).isEqualTo(d.event());
    assertThat(envelope.get("Subject").asText()).isEqualTo("Riskline NEW CRITICAL: Log4Shell in i-0abc");
    JsonNode attributes = envelope.get("MessageAttributes");
    assertThat(attributes.get("riskline.rating").get("Value").asText()).isEqualTo("CRITICAL");
    assertThat(attributes.get("riskline.change").get("Value").asText()).isEqualTo("NEW");
    assertThat(attributes.get("riskline.state").get("Value").asText()).isEqualTo("OPEN");
    assertThat(attributes.get("riskline.idempotency-key").get("Value").asText()).isEqualTo(d.key());
    assertThat(attributes.get("riskline.rating").get("Type").asText()).isEqualTo("String");
    assertThat(receive(low)).as("the LOW subscription's filter policy drops a CRITICAL finding").isEmpty();
  }

  @Test
  void a_fifo_topic_gets_the_finding_as_group_and_the_hashed_key_as_deduplication_id() {
    String topic = sns.createTopic(r -> r.name("security-alerts.fifo").attributes(Map.of("FifoTopic", "true")))
        .topicArn();
    String queue = subscribedQueue(topic, "alerts.fifo", null);
    Delivery d = AwsDeliveries.delivery("alerts", "Log4Shell in i-0abc");
    SnsTarget target = target(topic, Map.of());

    assertThat(target.send(d).sent()).isTrue();
    assertThat(target.send(d).sent()).as("SNS drops the repeat by its deduplication id").isTrue();

    List<Message> received = receive(queue);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo(AwsMessages.sha256(AwsDeliveries.FINDING_KEY));
    assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
        .isEqualTo(AwsMessages.sha256(d.key())).hasSize(64);
  }

  @Test
  void a_topic_that_does_not_exist_fails_for_good() {
    String missing = "arn:aws:sns:us-east-1:123456789012:no-such-topic";

    Target.Outcome outcome = target(missing, Map.of()).send(AwsDeliveries.delivery("alerts", "x"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).startsWith("sns alerts (" + missing + "): NotFound (HTTP 404)");
  }

  @Test
  void an_endpoint_nobody_listens_on_is_retried_without_showing_the_keys() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    String topic = "arn:aws:sns:us-east-1:123456789012:security-alerts";

    Target.Outcome outcome = target(topic, Map.of("endpoint", "http://127.0.0.1:" + closed))
        .send(AwsDeliveries.delivery("alerts", "x"));

    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.permanent()).isFalse();
    assertThat(outcome.retryAfter()).isNull();
    assertThat(outcome.detail()).startsWith("sns alerts (" + topic + "): SdkClientException: ")
        .contains("127.0.0.1:" + closed).doesNotContain("hunter2").doesNotContain("AKIAMOTOFAKEKEYID");
  }

  @Test
  void a_message_over_256_KiB_fails_for_good_naming_its_size() {
    String topic = sns.createTopic(r -> r.name("security-alerts")).topicArn();
    Delivery d = AwsDeliveries.delivery("alerts", "x".repeat(262_000));

    Target.Outcome outcome = target(topic, Map.of()).send(d);

    long size = AwsMessages.bytes(d.event(), AwsMessages.attributes(d, dev.riskline.route.Message.of(d.event())));
    assertThat(size).isGreaterThan(262_144);
    assertThat(outcome.permanent()).isTrue();
    assertThat(outcome.detail()).isEqualTo("sns alerts (" + topic + "): the message is " + size
        + " bytes (the triage event and its attributes); at most 262144 (256 KiB) are accepted");
  }
}

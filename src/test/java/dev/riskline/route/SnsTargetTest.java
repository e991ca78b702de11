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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SNS target against moto's SNS, with SQS queues subscribed to read back what was published. */
class SnsTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final MotoAws AWS = new MotoAws();
  private static SnsClient sns;

  @BeforeAll
  static void start() {
    sns = AWS.client(SnsClient.builder());
  }

  private SnsTarget target(String topicArn, Map<String, Object> extra) {
    return AWS.target(SnsTarget::read, "alerts", Map.of("type", "sns", "topicArn", topicArn), extra);
  }

  /** A queue subscribed to the topic, receiving only what the filter policy lets through (null: all). */
  private String subscribedQueue(String topicArn, String queueName, String filterPolicy) {
    String url = AWS.queue(queueName);
    String arn = AWS.queueArn(url);
    Map<String, String> subscription = filterPolicy == null ? Map.of() : Map.of("FilterPolicy", filterPolicy);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(subscription));
    return url;
  }

  private static List<Message> receive(String queueUrl) {
    return AWS.receive(queueUrl);
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

  @Test
  void an_sqs_subscriber_still_gets_the_event_as_the_default_of_a_message_per_protocol() throws Exception {
    String topic = sns.createTopic(r -> r.name("security-alerts")).topicArn();
    String queue = subscribedQueue(topic, "all", null);
    Delivery d = AwsDeliveries.delivery("alerts", "Log4Shell in i-0abc");
    SnsTarget target = target(topic, Map.of());

    Target.Outcome outcome = target.send(d);

    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).doesNotContain("the event alone");
    JsonNode envelope = JSON.readTree(receive(queue).get(0).body());
    assertThat(envelope.get("Message").asText()).isEqualTo(d.event());
    assertThat(envelope.get("MessageAttributes").get("riskline.rating").get("Value").asText()).isEqualTo("CRITICAL");
  }

  @Test
  void an_email_subscriber_gets_the_bundled_email_text_and_no_sms_text_is_sent_unless_configured() throws Exception {
    // moto delivers nothing to e-mail subscribers: the message per protocol is checked as it is published.
    Delivery d = AwsDeliveries.delivery("alerts", "Log4Shell in i-0abc");
    SnsTarget target = target("arn:aws:sns:us-east-1:123456789012:security-alerts", Map.of());

    JsonNode message = JSON.readTree(target.structured(d, dev.riskline.route.Message.of(d.event())));

    assertThat(message.fieldNames()).toIterable().containsExactly("default", "email");
    assertThat(message.get("default").asText()).isEqualTo(d.event());
    assertThat(message.get("email").asText()).isEqualTo("""
        CRITICAL risk (NEW): Log4Shell in i-0abc

        Why
          Rating:     CRITICAL (likelihood  × impact )
          - kev: CVE-2021-44228 is in CISA KEV

        By when
          Due:        2026-12-07
          State:      OPEN

        What
          Finding:    arn:aws:inspector2:us-east-1:111122223333:finding/abc
          Account:    111122223333
          Resource:   i-0abc
          Product:   \s

        --
        Sent by Riskline through Amazon SNS; subscribers other than e-mail get the triage event as JSON.
        """);
  }

  @Test
  void email_and_sms_templates_replace_the_texts_and_a_digest_gets_its_own() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sns-templates");
    java.nio.file.Path email = java.nio.file.Files.writeString(dir.resolve("email.mustache"), "{{rating}}: {{title}}");
    java.nio.file.Path digest = java.nio.file.Files.writeString(dir.resolve("digest.mustache"),
        "{{summary.count}} findings, {{summary.ratings}}");
    java.nio.file.Path sms = java.nio.file.Files.writeString(dir.resolve("sms.mustache"), "{{rating}} {{title}} due {{due}}");
    Delivery d = AwsDeliveries.delivery("alerts", "Log4Shell in i-0abc");
    Delivery.Group g = new Delivery.Group("g", "{}", java.time.Duration.ofMinutes(15), AwsDeliveries.FOUND, 3);
    Delivery many = DigestEvent.delivery(List.of(d.inGroup(g), d.inGroup(g)), 10);
    String topic = sns.createTopic(r -> r.name("security-alerts")).topicArn();
    String queue = subscribedQueue(topic, "all", null);
    SnsTarget target = target(topic, Map.of("emailTemplate", email.toString(), "digestEmailTemplate",
        digest.toString(), "smsTemplate", sms.toString()));

    JsonNode one = JSON.readTree(target.structured(d, dev.riskline.route.Message.of(d.event())));
    JsonNode two = JSON.readTree(target.structured(many, dev.riskline.route.Message.of(many.event())));

    assertThat(one.get("email").asText()).isEqualTo("CRITICAL: Log4Shell in i-0abc\n");
    assertThat(one.get("sms").asText()).isEqualTo("CRITICAL Log4Shell in i-0abc due 2026-12-07");
    assertThat(two.get("email").asText()).isEqualTo("2 findings, 2 CRITICAL\n");
    assertThat(two.get("sms").asText()).isEqualTo("CRITICAL 2 findings on route critical due 2026-12-07");
    assertThat(target.send(many).sent()).isTrue();
    assertThat(JSON.readTree(receive(queue).get(0).body()).get("Message").asText()).isEqualTo(many.event());
  }

  @Test
  void a_message_that_fits_only_without_its_texts_is_published_as_the_event_alone() throws Exception {
    String topic = sns.createTopic(r -> r.name("security-alerts")).topicArn();
    String queue = subscribedQueue(topic, "all", null);
    Delivery d = AwsDeliveries.delivery("alerts", "x".repeat(131_500));
    SnsTarget target = target(topic, Map.of());
    dev.riskline.route.Message m = dev.riskline.route.Message.of(d.event());
    long whole = AwsMessages.bytes(target.structured(d, m), AwsMessages.attributes(d, m));

    Target.Outcome outcome = target.send(d);

    assertThat(whole).isGreaterThan(262_144);
    assertThat(outcome.sent()).as(outcome.detail()).isTrue();
    assertThat(outcome.detail()).endsWith(" (the event alone: with the e-mail text the message would be " + whole
        + " bytes, over 262144)");
    assertThat(JSON.readTree(receive(queue).get(0).body()).get("Message").asText()).isEqualTo(d.event());
  }

  @Test
  void a_template_file_that_cannot_be_read_is_a_problem_of_its_setting() {
    Map<String, Object> settings = new LinkedHashMap<>(AWS.moto().settings());
    settings.put("type", "sns");
    settings.put("topicArn", "arn:aws:sns:us-east-1:123456789012:security-alerts");
    settings.put("smsTemplate", "/no/such/sms.mustache");
    List<Problem> problems = new ArrayList<>();

    assertThat(SnsTarget.read("alerts", SplunkHecTargetTest.section(settings, problems), MotoServer.ENV::get)).isNull();
    assertThat(problems).extracting(Problem::toString).singleElement().asString()
        .startsWith("targets.siem.smsTemplate: cannot read /no/such/sms.mustache: ");
  }
}

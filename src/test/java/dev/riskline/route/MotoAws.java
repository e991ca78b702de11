package dev.riskline.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS targets' test fixture over a {@link MotoServer}, registered as a static
 * {@code @RegisterExtension} field: starts moto before the class and stops it after, resets it before each
 * test, closes the targets a test read after it, and gives the SQS queues the tests read back from. Not
 * thread-safe: for tests that run one at a time.
 */
final class MotoAws implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** How a target reads its section of the configuration: {@code SnsTarget::read} and the like. */
  interface Reader<T extends AwsTarget> {
    T read(String name, Settings section, UnaryOperator<String> env);
  }

  private MotoServer moto;
  private SqsClient sqs;
  private final List<AutoCloseable> clients = new ArrayList<>();
  private final List<AwsTarget> targets = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    moto = MotoServer.start();
    sqs = client(SqsClient.builder());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (AutoCloseable c : clients) c.close();
    moto.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    moto.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    targets.forEach(AwsTarget::close);
    targets.clear();
  }

  MotoServer moto() {
    return moto;
  }

  /** A client of the test's own on moto, closed after the class. */
  <B extends AwsClientBuilder<B, C>, C extends AutoCloseable> C client(B builder) {
    C client = moto.client(builder);
    clients.add(client);
    return client;
  }

  /**
   * The target {@code name} read from moto's {@link MotoServer#settings}, then {@code settings}, then
   * {@code extra}; the read must find no problem. Closed after the test.
   */
  <T extends AwsTarget> T target(Reader<T> reader, String name, Map<String, Object> settings,
      Map<String, Object> extra) {
    Map<String, Object> all = new LinkedHashMap<>(moto.settings());
    all.putAll(settings);
    all.putAll(extra);
    List<Problem> problems = new ArrayList<>();
    T t = reader.read(name, SplunkHecTargetTest.section(all, problems), MotoServer.ENV::get);
    assertThat(problems).isEmpty();
    targets.add(t);
    return t;
  }

  /** A new queue's URL; a FIFO queue when the name ends in {@code .fifo}. */
  String queue(String name) {
    Map<QueueAttributeName, String> attributes = name.endsWith(".fifo")
        ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  /** The ARN of the queue at {@code queueUrl}, for a subscription or a rule to send to. */
  String queueArn(String queueUrl) {
    return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  /** What is waiting on the queue now (up to 10), with all its message and system attributes. */
  List<Message> receive(String queueUrl) {
    return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
  }
}

package dev.riskline.route;

import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Amazon SQS: one {@code SendMessage} a delivery to a queue, the triage event as the body, with the message
 * attributes of {@link AwsMessages}. A FIFO queue ({@code .fifo}) gets the finding as the message group and
 * the hashed idempotency key as the deduplication id. Outcomes as {@link AwsTarget} says. Thread-safe.
 *
 * <p>Settings: {@code queueUrl}, and those of {@link AwsSetup} (the region defaults to the one the queue's
 * host names, {@code sqs.REGION.amazonaws.com}).
 *
 * <pre>{@code
 * targets:
 *   queue:
 *     type: sqs
 *     queueUrl: https://sqs.us-east-1.amazonaws.com/111122223333/riskline-findings
 * }</pre>
 */
final class SqsTarget extends AwsTarget {
  /** {@code /ACCOUNT/NAME}: a name of at most 80 characters, {@code .fifo} included. */
  private static final Pattern PATH = Pattern.compile("/\\d{12}/([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)");

  private final String queueUrl;
  private final boolean fifo;
  private final AwsSetup.Lazy<SqsClient> client;

  private SqsTarget(String name, String queueUrl, AwsSetup setup, AwsSetup.Lazy<SqsClient> client) {
    super(name, setup, client);
    this.queueUrl = queueUrl;
    this.fifo = queueUrl.endsWith(".fifo");
    this.client = client;
  }

  /**
   * The target of one {@code targets} entry with its client, or null after adding every problem to the
   * settings' list.
   *
   * @param env resolves an environment variable's name to its value, null when unset
   */
  static SqsTarget read(String name, Settings s, UnaryOperator<String> env) {
    List<String> keys = new ArrayList<>(List.of("type", "queueUrl"));
    keys.addAll(AwsSetup.KEYS);
    int before = s.problems().size();
    s.allow(keys.toArray(String[]::new));
    String url = s.string("queueUrl", null);
    String region = null;
    if (url == null && !s.has("queueUrl")) {
      s.problem(s.at("queueUrl"), "missing; expected the SQS queue's URL, e.g. "
          + "https://sqs.us-east-1.amazonaws.com/111122223333/riskline-findings");
    } else if (url != null) {
      URI uri = parse(url.strip());
      if (uri == null) {
        s.problem(s.at("queueUrl"), "expected an SQS queue URL, https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (NAME "
            + "of letters, digits, _ and -, or ending in .fifo), but was " + Problem.describe(url));
      } else {
        url = uri.toString();
        region = regionOf(uri.getHost());
      }
    }
    AwsSetup setup = AwsSetup.read(s, "sqs " + name + " (" + url + ")", region, "queueUrl", env);
    if (s.problems().size() > before || setup == null) return null;
    return new SqsTarget(name, url, setup, setup.lazyClient(SqsClient::builder));
  }

  private static URI parse(String text) {
    try {
      URI uri = new URI(text);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      return web && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawPath() != null
          && PATH.matcher(uri.getRawPath()).matches() ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The region a queue's host names ({@code sqs.us-east-1.amazonaws.com}, {@code us-east-1.queue.amazonaws.com}), or null. */
  static String regionOf(String host) {
    for (String label : host.split("\\.")) if (AwsSetup.isRegion(label)) return label;
    return null;
  }

  @Override
  Outcome attempt(Delivery d) {
    Map<String, String> attributes = AwsMessages.attributes(d, Message.of(d.event()));
    long bytes = AwsMessages.bytes(d.event(), attributes);
    if (bytes > MAX_BYTES) return tooLarge(bytes, "the triage event and its attributes");
    Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
    attributes.forEach((k, v) -> values.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
    SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(d.event())
        .messageAttributes(values);
    if (fifo) request.messageGroupId(AwsMessages.groupId(d)).messageDeduplicationId(AwsMessages.deduplicationId(d));
    return Outcome.sent(setup.where() + ": MessageId " + client.get().sendMessage(request.build()).messageId());
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Amazon SNS: one {@code Publish} a delivery to a topic, the triage event as the message, with {@code
 * Subject} {@code Riskline <CHANGE> <RATING>: <title>} and the message attributes of {@link AwsMessages}, so
 * subscription filter policies can route on rating, change and state. A FIFO topic ({@code .fifo}) gets
 * the finding as the message group and the hashed idempotency key as the deduplication id. Outcomes as
 * {@link AwsTarget} says. Thread-safe.
 *
 * <p>Each publish carries a message per protocol ({@code MessageStructure: json}): {@code default}, the
 * triage event, for SQS, Lambda, HTTP/S and {@code email-json} subscribers, as before; {@code email}, the
 * e-mail text (the bundled e-mail template with a footer for SNS, or {@code emailTemplate}; {@code
 * digestEmailTemplate} for a digest), since an e-mail subscriber would otherwise read raw JSON; and {@code sms}, the text of {@code
 * smsTemplate} when set. The 256 KiB limit applies to the whole; when the texts would push it over, the
 * event is published alone, as the detail says.
 *
 * <p>Settings: {@code topicArn}, {@code emailTemplate}, {@code digestEmailTemplate}, {@code smsTemplate}, and
 * those of {@link AwsSetup} (the region defaults to the topic's).
 *
 * <pre>{@code
 * targets:
 *   alerts:
 *     type: sns
 *     topicArn: arn:aws:sns:us-east-1:111122223333:security-alerts
 * }</pre>
 */
final class SnsTarget extends AwsTarget {
  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):\\d{12}:([A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topicArn;
  private final boolean fifo;
  private final AwsSetup.Lazy<SnsClient> client;
  private final Templates email;
  private final Templates sms;

  private SnsTarget(String name, String topicArn, Templates email, Templates sms, AwsSetup setup, AwsSetup.Lazy<SnsClient> client) {
    super(name, setup, client);
    this.topicArn = topicArn;
    this.email = email;
    this.sms = sms;
    this.fifo = topicArn.endsWith(".fifo");
    this.client = client;
  }

  /**
   * The target of one {@code targets} entry with its client, or null after adding every problem to the
   * settings' list.
   *
   * @param env resolves an environment variable's name to its value, null when unset
   */
  static SnsTarget read(String name, Settings s, UnaryOperator<String> env) {
    List<String> keys = new ArrayList<>(List.of("type", "topicArn", "emailTemplate", "digestEmailTemplate",
        "smsTemplate"));
    keys.addAll(AwsSetup.KEYS);
    int before = s.problems().size();
    s.allow(keys.toArray(String[]::new));
    String arn = s.string("topicArn", null);
    String region = null;
    if (arn == null && !s.has("topicArn")) {
      s.problem(s.at("topicArn"), "missing; expected the SNS topic's ARN, e.g. arn:aws:sns:us-east-1:111122223333:security-alerts");
    } else if (arn != null) {
      Matcher m = TOPIC_ARN.matcher(arn.strip());
      if (m.matches() && AwsSetup.isRegion(m.group(1))) {
        region = m.group(1);
        arn = arn.strip();
      } else {
        s.problem(s.at("topicArn"), "expected an SNS topic ARN, arn:aws:sns:REGION:ACCOUNT:NAME (NAME of letters, "
            + "digits, _ and -, or ending in .fifo), but was " + Problem.describe(arn));
      }
    }
    Templates email = Templates.read(s, "emailTemplate", "sns-email", Templates::plain);
    Templates sms = s.has("smsTemplate") ? Templates.readFile(s, "smsTemplate", Templates::plain) : null;
    AwsSetup setup = AwsSetup.read(s, "sns " + name + " (" + arn + ")", region, "topicArn", env);
    if (s.problems().size() > before || setup == null || email == null) return null;
    return new SnsTarget(name, arn, email, sms, setup, setup.lazyClient(SnsClient::builder));
  }

  @Override
  Outcome attempt(Delivery d) {
    Message m = Message.of(d.event());
    Map<String, String> attributes = AwsMessages.attributes(d, m);
    String structured = structured(d, m);
    long whole = AwsMessages.bytes(structured, attributes);
    String note = "";
    PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn);
    if (whole <= MAX_BYTES) {
      request.message(structured).messageStructure("json");
    } else {
      long bytes = AwsMessages.bytes(d.event(), attributes);
      if (bytes > MAX_BYTES) return tooLarge(bytes, "the triage event and its attributes");
      request.message(d.event());
      note = " (the event alone: with the e-mail" + (sms == null ? "" : " and SMS") + " text the message would be "
          + whole + " bytes, over " + MAX_BYTES + ")";
    }
    Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
    attributes.forEach((k, v) -> values.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
    request.subject(AwsMessages.subject(d, m)).messageAttributes(values);
    if (fifo) request.messageGroupId(AwsMessages.groupId(d)).messageDeduplicationId(AwsMessages.deduplicationId(d));
    return Outcome.sent(setup.where() + ": MessageId " + client.get().publish(request.build()).messageId() + note);
  }

  /** The message per protocol, as {@code MessageStructure: json} takes it: default, email and (when set) sms. */
  String structured(Delivery d, Message m) {
    ObjectNode out = JSON.createObjectNode().put("default", d.event()).put("email", email.render(m) + "\n");
    if (sms != null) out.put("sms", sms.render(m));
    return out.toString();
  }
}

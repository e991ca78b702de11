package dev.riskline.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Amazon EventBridge: one {@code PutEvents} entry a delivery on an event bus, with the triage event's
 * {@code detail-type} as {@code DetailType}, its {@code detail} as {@code Detail}, the configured {@code
 * Source} and the time the change was found as {@code Time}; rules on the bus then match them as routes
 * match here. PutEvents answers 200 even when the entry failed: its {@code FailedEntryCount} and the entry's
 * {@code ErrorCode} decide (InternalFailure and throttling retried, every other code for good). The entry's
 * size is counted as AWS counts it (14 bytes for the time, then source, detail type and detail) against
 * 256 KiB. Other outcomes as {@link AwsTarget} says. Thread-safe.
 *
 * <p>Settings (defaults in brackets): {@code eventBusName}, a name or ARN [{@code default}]; {@code source}
 * [{@code riskline}]; and those of {@link AwsSetup} (the region defaults to the bus ARN's).
 *
 * <pre>{@code
 * targets:
 *   bus:
 *     type: eventbridge
 *     eventBusName: security
 *     region: eu-west-1
 * }</pre>
 */
final class EventBridgeTarget extends AwsTarget {
  static final String DEFAULT_BUS = "default";
  static final String DEFAULT_SOURCE = "riskline";
  private static final Pattern BUS_ARN =
      Pattern.compile("arn:aws[a-z-]*:events:([a-z0-9-]+):\\d{12}:event-bus/[/.A-Za-z0-9_-]{1,256}");
  private static final Pattern BUS_NAME = Pattern.compile("[/.A-Za-z0-9_-]{1,256}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the entry's time counts toward its size. */
  private static final int TIME_BYTES = 14;

  private final String bus;
  private final String source;
  private final AwsSetup.Lazy<EventBridgeClient> client;

  private EventBridgeTarget(String name, String bus, String source, AwsSetup setup, AwsSetup.Lazy<EventBridgeClient> client) {
    super(name, setup, client);
    this.bus = bus;
    this.source = source;
    this.client = client;
  }

  /**
   * The target of one {@code targets} entry with its client, or null after adding every problem to the
   * settings' list.
   *
   * @param env resolves an environment variable's name to its value, null when unset
   */
  static EventBridgeTarget read(String name, Settings s, UnaryOperator<String> env) {
    List<String> keys = new ArrayList<>(List.of("type", "eventBusName", "source"));
    keys.addAll(AwsSetup.KEYS);
    int before = s.problems().size();
    s.allow(keys.toArray(String[]::new));
    String bus = s.string("eventBusName", DEFAULT_BUS).strip();
    String region = null;
    Matcher arn = BUS_ARN.matcher(bus);
    if (arn.matches() && AwsSetup.isRegion(arn.group(1))) {
      region = arn.group(1);
    } else if (bus.startsWith("arn:") || !BUS_NAME.matcher(bus).matches()) {
      s.problem(s.at("eventBusName"), "expected an event bus name (letters, digits, and . _ - /) or ARN "
          + "(arn:aws:events:REGION:ACCOUNT:event-bus/NAME) but was " + Problem.describe(bus));
    }
    String source = s.string("source", DEFAULT_SOURCE).strip();
    if (source.length() > 256 || source.startsWith("aws.")) {
      s.problem(s.at("source"), "expected a source of at most 256 characters not starting with \"aws.\" (kept for "
          + "AWS services) but was " + Problem.describe(source));
    }
    AwsSetup setup = AwsSetup.read(s, "eventbridge " + name + " (bus " + bus + ")", region, "eventBusName", env);
    if (s.problems().size() > before || setup == null) return null;
    return new EventBridgeTarget(name, bus, source, setup, setup.lazyClient(EventBridgeClient::builder));
  }

  @Override
  Outcome attempt(Delivery d) {
    JsonNode event;
    try {
      event = JSON.readTree(d.event());
    } catch (JsonProcessingException e) {
      return Outcome.failed(setup.where() + ": the stored triage event is not JSON");
    }
    String detailType = event.path("detail-type").asText("");
    JsonNode detailNode = event.path("detail");
    if (detailType.isEmpty() || !detailNode.isObject()) {
      return Outcome.failed(setup.where() + ": the stored triage event has no detail-type or detail object");
    }
    String detail = detailNode.toString();
    long bytes = TIME_BYTES + AwsMessages.utf8(source) + AwsMessages.utf8(detailType) + AwsMessages.utf8(detail);
    if (bytes > MAX_BYTES) return tooLarge(bytes, "the PutEvents entry: time, source, detail type and detail");
    PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder().eventBusName(bus).source(source)
        .detailType(detailType).detail(detail);
    if (d.createdAt() != null) entry.time(d.createdAt());
    return outcome(client.get().putEvents(r -> r.entries(entry.build())));
  }

  /** The outcome of a PutEvents answer for one entry: sent, or the entry's error. */
  Outcome outcome(PutEventsResponse response) {
    PutEventsResultEntry result = response.entries().isEmpty() ? null : response.entries().get(0);
    boolean failed = (response.failedEntryCount() != null && response.failedEntryCount() > 0)
        || result == null || result.errorCode() != null;
    if (!failed) return Outcome.sent(setup.where() + ": EventId " + result.eventId());
    String code = result == null ? null : result.errorCode();
    String detail = setup.where() + ": the entry failed: " + (code == null ? "no error code" : code)
        + excerpt(result == null ? null : result.errorMessage());
    return retryable(code) || code == null ? Outcome.retry(null, detail) : Outcome.failed(detail);
  }
}

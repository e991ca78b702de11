package dev.riskline.route;

import java.time.Duration;
import java.util.Objects;

/**
 * Where deliveries go: one class per kind (webhook, Slack, Teams, e-mail, Jira, ServiceNow, Splunk HEC,
 * syslog, SNS, SQS, EventBridge). Built from the {@code targets} section of {@code riskline.yaml} and
 * checked at load; {@link #send} makes one attempt and says how it went. Thread-safe.
 */
public interface Target {
  /** The target's name in the configuration. */
  String name();

  /** One attempt to deliver; never throws for a failure of the far side (that is an outcome). */
  Outcome send(Delivery delivery);

  /**
   * Whether this target can tell a digest (many findings in one message); a ticket target cannot (one ticket
   * per finding), and a route with a digest may not name it.
   */
  default boolean takesDigests() {
    return true;
  }

  /**
   * One attempt with the store's {@link Tickets}: targets that keep one ticket per finding (Jira, ServiceNow)
   * read and write them; every other target just {@link #send(Delivery) sends}.
   */
  default Outcome send(Delivery delivery, Tickets tickets) {
    return send(delivery);
  }

  /**
   * How one attempt went.
   *
   * @param sent true when the far side accepted it
   * @param retryAfter for a failure worth retrying, at least this long to wait (e.g. from {@code
   *     Retry-After}), or null for the backoff's own delay; ignored when {@code permanent}
   * @param permanent a failure retrying cannot fix (HTTP 400, 401, 403, 404): the delivery is DEAD at once
   * @param detail what happened, secrets redacted (a ticket key, an HTTP status and body excerpt)
   */
  record Outcome(boolean sent, Duration retryAfter, boolean permanent, String detail) {
    public Outcome {
      Objects.requireNonNull(detail, "detail");
    }

    public static Outcome sent(String detail) {
      return new Outcome(true, null, false, detail);
    }

    public static Outcome retry(Duration after, String detail) {
      return new Outcome(false, after, false, detail);
    }

    public static Outcome failed(String detail) {
      return new Outcome(false, null, true, detail);
    }
  }
}

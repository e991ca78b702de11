package dev.riskline.route;

import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An AWS target (SNS, SQS, EventBridge): one SDK client, built at the first send, and one API call a delivery, and what
 * a failed call means for the delivery. Throttling, 5xx answers, clock skew, expired session credentials,
 * timeouts and connection failures are retried by the outbox; every other error answer (access denied, no
 * such topic, queue or bus, invalid parameter, message too long, KMS key disabled) fails for good. A body
 * over the services' limit of 256 KiB fails before it is sent. Details name the error code, the HTTP status
 * and an excerpt of AWS's message; never a credential. Thread-safe (the SDK's clients are).
 */
abstract class AwsTarget implements Target {
  /** The largest message SNS, SQS and EventBridge take (SQS queues may take more; 256 KiB suits every queue). */
  static final int MAX_BYTES = 256 * 1024;
  /** Error codes worth another attempt that the SDK does not already call throttling or clock skew. */
  private static final Set<String> RETRY_CODES = Set.of("InternalError", "InternalFailure", "ServiceUnavailable",
      "RequestThrottled", "AWS.SimpleQueueService.RequestThrottled", "KMSThrottling", "KMSThrottlingException",
      "KmsThrottled", "ExpiredToken", "ExpiredTokenException");
  private static final int EXCERPT = 200;

  private final String name;
  final AwsSetup setup;
  private final AwsSetup.Lazy<? extends SdkAutoCloseable> client;

  AwsTarget(String name, AwsSetup setup, AwsSetup.Lazy<? extends SdkAutoCloseable> client) {
    this.name = Objects.requireNonNull(name, "name");
    this.setup = Objects.requireNonNull(setup, "setup");
    this.client = Objects.requireNonNull(client, "client");
  }

  /** One API call for the delivery; SDK exceptions are turned into outcomes by {@link #send}. */
  abstract Outcome attempt(Delivery delivery);

  @Override
  public String name() {
    return name;
  }

  @Override
  public final Outcome send(Delivery delivery) {
    Outcome blocked = setup.recheck();
    if (blocked != null) return blocked;
    try {
      return attempt(delivery);
    } catch (SdkException e) {
      return outcome(e);
    } catch (UncheckedIOException e) {
      return Outcome.failed(setup.where() + ": the stored triage event is not JSON");
    }
  }

  /** What a failed call means: retry or fail for good, with a redacted detail. */
  Outcome outcome(SdkException e) {
    if (e instanceof AwsServiceException se) {
      String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
      String message = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorMessage();
      String detail = setup.where() + ": " + (code == null ? "error" : code) + " (HTTP " + se.statusCode() + ")"
          + excerpt(message);
      boolean retry = se.isThrottlingException() || se.isClockSkewException() || se.statusCode() >= 500
          || se.statusCode() == 408 || retryable(code);
      return retry ? Outcome.retry(null, detail) : Outcome.failed(detail);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String why = e.getClass().getSimpleName() + excerpt(e.getMessage())
        + (root == e ? "" : " (" + root.getClass().getSimpleName() + ")");
    return Outcome.retry(null, setup.where() + ": " + why);
  }

  /** Whether an error code (of a call or of one PutEvents entry) is worth another attempt. */
  static boolean retryable(String code) {
    return code != null && (RETRY_CODES.contains(code) || code.contains("Throttl"));
  }

  /** The failure of a message over the limit, naming its size. */
  Outcome tooLarge(long bytes, String what) {
    return Outcome.failed(setup.where() + ": the message is " + bytes + " bytes (" + what + "); at most "
        + MAX_BYTES + " (256 KiB) are accepted");
  }

  String excerpt(String text) {
    if (text == null || text.isBlank()) return "";
    String t = setup.redact(text.strip().replaceAll("\\s+", " "));
    return ": " + (t.length() > EXCERPT ? t.substring(0, EXCERPT) + "..." : t);
  }

  /** Closes the SDK client if it was built; a running process never does (the client lives as long as it), tests do. */
  void close() {
    client.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + setup.where() + "]";
  }
}

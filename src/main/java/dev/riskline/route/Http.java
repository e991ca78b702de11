package dev.riskline.route;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One JSON POST and what its answer means for the delivery: 2xx sent; 429 and 503 retried after their
 * {@code Retry-After} (seconds or an HTTP date); other 5xx, timeouts and refused connections retried with
 * backoff; other 4xx failed for good. Messages name the host only, never the path or query (where chat
 * webhooks keep their secret). Thread-safe.
 */
final class Http {
  private static final int EXCERPT = 200;

  private final HttpClient client;
  private final Duration timeout;

  Http(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  static Http create(Duration timeout) {
    return new Http(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .build(), timeout);
  }

  Target.Outcome post(URI uri, String json, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    String where = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    HttpResponse<String> response;
    try {
      response = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Target.Outcome.retry(null, where + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + redact(e.getMessage(), uri)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Target.Outcome.retry(null, where + ": interrupted");
    }
    int status = response.statusCode();
    String detail = where + ": HTTP " + status + excerpt(response.body(), uri);
    if (status >= 200 && status < 300) return Target.Outcome.sent(detail);
    if (status == 429 || status == 503) {
      return Target.Outcome.retry(retryAfter(response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now()), detail);
    }
    if (status >= 500 || status == 408) return Target.Outcome.retry(null, detail);
    return Target.Outcome.failed(detail);
  }

  /** {@code Retry-After} as a delay from {@code now}: seconds, or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value, java.time.Instant now) {
    if (value == null || value.isBlank()) return null;
    String v = value.strip();
    if (v.matches("\\d{1,9}")) return Duration.ofSeconds(Long.parseLong(v));
    try {
      Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String excerpt(String body, URI uri) {
    if (body == null || body.isBlank()) return "";
    String b = redact(body.strip().replaceAll("\\s+", " "), uri);
    return ": " + (b.length() > EXCERPT ? b.substring(0, EXCERPT) + "..." : b);
  }

  /** The text with the URI's path and query replaced: they hold the secret of a chat webhook. */
  static String redact(String text, URI uri) {
    String out = text;
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) out = out.replace(uri.getRawQuery(), "[redacted]");
    if (uri.getRawPath() != null && uri.getRawPath().length() > 1) out = out.replace(uri.getRawPath(), "/[redacted]");
    return out;
  }
}

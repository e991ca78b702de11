package dev.riskline.route;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request of a target (webhook, Slack, Teams, Splunk HEC, Jira, ServiceNow) and what its answer
 * means for the delivery, the same for all of them:
 *
 * <ul>
 *   <li>2xx: sent;
 *   <li>408, 425, 429 and 5xx: retried; 429 and 503 after their {@code Retry-After} (seconds or an HTTP
 *       date) when they give one, the others with the outbox's backoff;
 *   <li>3xx (redirects are never followed) and every other status: failed for good;
 *   <li>no answer within the timeout, a refused or reset connection, a host that does not resolve: retried;
 *   <li>a host that is, or now resolves to, a link-local or metadata address ({@link UrlCheck#beforeSend},
 *       before every request): failed for good.
 * </ul>
 *
 * Details name the target as its {@link Peer} says, then the request when there is more than one kind, then
 * the status and an excerpt of the body; every value the peer hides is replaced by {@code ***}, in bodies
 * and in error messages alike. Thread-safe.
 */
final class Http {
  private static final int EXCERPT = 200;

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param client must not follow redirects: a redirect could lead past the address check
   * @param timeout for each request, from sending it to the end of the answer
   * @param clock what an HTTP date in {@code Retry-After} is measured from
   */
  Http(HttpClient client, Duration timeout, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("expected an HTTP client that never follows redirects but it follows "
          + client.followRedirects());
    }
  }

  /** With a client of its own that connects within the timeout, and the system clock. */
  static Http create(Duration timeout) {
    return new Http(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .build(), timeout, Clock.systemUTC());
  }

  /**
   * Who a target calls: how details name it ({@code webhook soc (https://hooks.example.com)}) and the values
   * they never show (a URL's secret path, tokens, passwords, header values); empty ones are ignored.
   */
  record Peer(String where, List<String> hidden) {
    Peer {
      Objects.requireNonNull(where, "where");
      hidden = hidden.stream().filter(h -> h != null && !h.isEmpty())
          .sorted(Comparator.comparingInt(String::length).reversed()) // a part never leaves the rest showing
          .toList();
    }

    /** The text with every hidden value replaced by {@code ***}. */
    String redact(String text) {
      if (text == null) return "";
      String out = text;
      for (String h : hidden) out = out.replace(h, "***");
      return out;
    }

    /** {@code ": "} and the start of a body on one line, redacted before it is cut; empty for no body. */
    String excerpt(String body) {
      if (body == null || body.isBlank()) return "";
      String text = redact(body.strip().replaceAll("\\s+", " "));
      return ": " + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text);
    }
  }

  /**
   * What one request came to: the delivery's outcome, the answer's status (0 when there was none) and its body
   * (null when there was none; the caller's to read, never to show unredacted).
   */
  record Reply(Target.Outcome outcome, int status, String body) {
    Reply(Target.Outcome outcome) {
      this(outcome, 0, null);
    }

    boolean ok() {
      return outcome.sent();
    }
  }

  /** A JSON POST; see the class for the outcomes. */
  Target.Outcome post(Peer peer, URI uri, String json, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return send(peer, b, null).outcome();
  }

  /**
   * One request, after the address check; see the class for the outcomes.
   *
   * @param request everything but the timeout, which this sets
   * @param what how details name the request ({@code GET /rest/api/3/issue/SEC-1}), or null
   */
  Reply send(Peer peer, HttpRequest.Builder request, String what) {
    HttpRequest r = request.timeout(timeout).build();
    String where = peer.where() + (what == null ? "" : ": " + peer.redact(what));
    Target.Outcome refused = UrlCheck.beforeSend(where, r.uri().getHost());
    if (refused != null) return new Reply(refused);
    HttpResponse<String> response;
    try {
      response = client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      return new Reply(Target.Outcome.retry(null, where + ": could not connect in time"));
    } catch (HttpTimeoutException e) {
      return new Reply(Target.Outcome.retry(null, where + ": no answer within " + timeout.toSeconds() + " s"));
    } catch (ConnectException e) {
      return new Reply(Target.Outcome.retry(null, where + ": connection refused or unreachable"));
    } catch (IOException e) {
      return new Reply(Target.Outcome.retry(null, where + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + peer.redact(e.getMessage()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(Target.Outcome.retry(null, where + ": interrupted"));
    }
    int status = response.statusCode();
    Target.Outcome outcome = outcome(status, response.headers().firstValue("Retry-After").orElse(null),
        clock.instant(), where + ": HTTP " + status + peer.excerpt(response.body()));
    return new Reply(outcome, status, response.body());
  }

  /** What an answer's status means for the delivery; {@code detail} is the outcome's, already redacted. */
  static Target.Outcome outcome(int status, String retryAfter, Instant now, String detail) {
    if (status >= 200 && status < 300) return Target.Outcome.sent(detail);
    if (status == 429 || status == 503) return Target.Outcome.retry(retryAfter(retryAfter, now), detail);
    if (status == 408 || status == 425 || (status >= 500 && status < 600)) return Target.Outcome.retry(null, detail);
    return Target.Outcome.failed(detail);
  }

  /** {@code Retry-After} as a delay from {@code now}: seconds, or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value, Instant now) {
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
}

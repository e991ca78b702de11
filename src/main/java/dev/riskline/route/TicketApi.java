package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * JSON requests to a ticket system's REST API (Jira, ServiceNow) under its base URL, with one
 * {@code Authorization} header. A 2xx answer gives its JSON; any other ends the attempt with {@link Failed},
 * which carries the delivery's outcome: 429 and 503 are retried after their {@code Retry-After}, other 5xx,
 * 408, timeouts and refused connections with backoff; other 4xx (400 bad fields, 401 bad credentials, 403
 * no permission, 404 no such project or issue) fail for good. The host is checked again before each
 * request ({@link UrlCheck}). Details name the target, the method and the path, never the credentials.
 * Thread-safe.
 */
final class TicketApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 300;

  private final String where;
  private final String base;
  private final String authorization;
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;
  private final List<String> hidden;

  /** An attempt that ended early: the outcome the delivery gets. Carries no stack trace. */
  static final class Failed extends RuntimeException {
    private final transient Target.Outcome outcome;

    Failed(Target.Outcome outcome) {
      super(outcome.detail(), null, false, false);
      this.outcome = outcome;
    }

    Target.Outcome outcome() {
      return outcome;
    }
  }

  /**
   * @param where how details name the target ({@code jira soc})
   * @param base the API's base URL (an instance, or Jira behind a context path)
   * @param authorization the {@code Authorization} header's value
   * @param secrets values that never appear in details (tokens, passwords)
   */
  TicketApi(String where, URI base, String authorization, List<String> secrets, HttpClient client,
      Duration timeout, Clock clock) {
    this.base = Objects.requireNonNull(base, "base").toString().replaceAll("/+$", "");
    this.where = where + " (" + UrlCheck.origin(base) + ")";
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    List<String> h = new ArrayList<>(List.of(authorization));
    secrets.stream().filter(s -> s != null && s.length() >= 4).forEach(h::add);
    h.sort((a, b) -> b.length() - a.length());
    this.hidden = List.copyOf(h);
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return call("POST", path, body);
  }

  JsonNode patch(String path, JsonNode body) {
    return call("PATCH", path, body);
  }

  /** A query parameter's value, percent-encoded (spaces as {@code %20}). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** How long one request may take. */
  Duration timeout() {
    return timeout;
  }

  /** How details name the target and its origin. */
  String where() {
    return where;
  }

  /** A failure retrying cannot fix, naming the target. */
  Failed permanent(String detail) {
    return new Failed(Target.Outcome.failed(where + ": " + redact(detail)));
  }

  /** A field update the far side refused: its status, its JSON answer and the detail (redacted, cut). */
  record Refusal(int status, JsonNode answer, String detail) {}

  /**
   * A PUT or PATCH whose 400 or 403 answer is the caller's to read (a field the project or a data policy does
   * not allow): null when it was accepted, else the refusal; other failures end the attempt as usual.
   */
  Refusal unlessRefused(String method, String path, JsonNode body) {
    HttpResponse<String> response = exchange(method, path, body);
    int status = response.statusCode();
    if (status != 400 && status != 403) {
      answer(method, path, response);
      return null;
    }
    JsonNode answer;
    try {
      answer = response.body() == null || response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
    } catch (IOException e) {
      answer = MissingNode.getInstance();
    }
    return new Refusal(status, answer, redact("HTTP " + status + excerpt(response.body())));
  }

  JsonNode put(String path, JsonNode body) {
    return call("PUT", path, body);
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return answer(method, path, exchange(method, path, body));
  }

  private HttpResponse<String> exchange(String method, String path, JsonNode body) {
    URI uri = URI.create(base + path);
    String request = method + " " + uri.getRawPath();
    check(uri);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw retry(null, request + ": no answer within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw retry(null, request + ": connection refused or unreachable");
    } catch (IOException e) {
      throw retry(null, request + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retry(null, request + ": interrupted");
    }
  }

  /** A 2xx answer's JSON; any other status ends the attempt with its outcome. */
  private JsonNode answer(String method, String path, HttpResponse<String> response) {
    String request = method + " " + URI.create(base + path).getRawPath();
    int status = response.statusCode();
    if (status >= 200 && status < 300) return parse(response.body(), request);
    String detail = request + ": HTTP " + status + excerpt(response.body());
    if (status == 429 || status == 503) {
      throw retry(Http.retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()), detail);
    }
    if (status >= 500 || status == 408) throw retry(null, detail);
    throw permanent(detail);
  }

  private void check(URI uri) {
    try {
      String problem = UrlCheck.addressProblem(uri.getHost());
      if (problem != null) throw permanent(problem);
    } catch (UnknownHostException e) {
      throw retry(null, "cannot resolve the host");
    }
  }

  private JsonNode parse(String text, String request) {
    if (text == null || text.isBlank()) return MissingNode.getInstance();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw retry(null, request + ": the answer is not JSON" + excerpt(text));
    }
  }

  private Failed retry(Duration after, String detail) {
    return new Failed(Target.Outcome.retry(after, where + ": " + redact(detail)));
  }

  private String excerpt(String body) {
    if (body == null || body.isBlank()) return "";
    String text = body.strip().replaceAll("\\s+", " ");
    return ": " + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text);
  }

  /** The text without any secret. */
  String redact(String text) {
    String out = text;
    for (String h : hidden) out = out.replace(h, "***");
    return out;
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * JSON requests to a ticket system's REST API (Jira, ServiceNow) under its base URL, with one
 * {@code Authorization} header. A 2xx answer gives its JSON; any other ends the attempt with {@link Failed},
 * which carries the delivery's outcome as {@link Http} decides it for every HTTP target: 408, 425, 429, 5xx,
 * timeouts and refused connections are retried (429 and 503 after their {@code Retry-After}); other 4xx (400
 * bad fields, 401 bad credentials, 403 no permission, 404 no such project or issue) and 3xx fail for good. The
 * host is checked again before each request ({@link UrlCheck}). Details name the target, the method and the
 * path, never the credentials. Thread-safe.
 */
final class TicketApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;
  private final Http http;
  private final Http.Peer peer;
  private final Duration timeout;

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
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.http = new Http(client, timeout, clock);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    List<String> hidden = new ArrayList<>(List.of(authorization));
    secrets.stream().filter(s -> s != null && s.length() >= 4).forEach(hidden::add);
    this.peer = new Http.Peer(where + " (" + UrlCheck.origin(base) + ")", hidden);
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

  JsonNode put(String path, JsonNode body) {
    return call("PUT", path, body);
  }

  /** How long one request may take. */
  Duration timeout() {
    return timeout;
  }

  /** The text without any secret. */
  String redact(String text) {
    return peer.redact(text);
  }

  /** A field update the far side refused: its status, its JSON answer and the detail (redacted, cut). */
  record Refusal(int status, JsonNode answer, String detail) {}

  /**
   * A PUT or PATCH whose 400 or 403 answer is the caller's to read (a field the project or a data policy does
   * not allow): null when it was accepted, else the refusal; other failures end the attempt as usual.
   */
  Refusal unlessRefused(String method, String path, JsonNode body) {
    Http.Reply reply = exchange(method, path, body);
    if (reply.status() != 400 && reply.status() != 403) {
      answer(reply, method + " " + URI.create(base + path).getRawPath());
      return null;
    }
    JsonNode answer;
    try {
      answer = reply.body() == null || reply.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(reply.body());
    } catch (IOException e) {
      answer = MissingNode.getInstance();
    }
    return new Refusal(reply.status(), answer, "HTTP " + reply.status() + peer.excerpt(reply.body()));
  }

  /** A query parameter's value, percent-encoded (spaces as {@code %20}). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** How details name the target and its origin. */
  String where() {
    return peer.where();
  }

  /** A failure retrying cannot fix, naming the target. */
  Failed permanent(String detail) {
    return new Failed(Target.Outcome.failed(peer.where() + ": " + peer.redact(detail)));
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return answer(exchange(method, path, body), method + " " + URI.create(base + path).getRawPath());
  }

  private Http.Reply exchange(String method, String path, JsonNode body) {
    URI uri = URI.create(base + path);
    String request = method + " " + uri.getRawPath();
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    return http.send(peer, b, request);
  }

  /** A 2xx answer's JSON; any other answer, or none, ends the attempt with its outcome. */
  private JsonNode answer(Http.Reply reply, String request) {
    if (!reply.ok()) throw new Failed(reply.outcome());
    return parse(reply.body(), request);
  }

  private JsonNode parse(String text, String request) {
    if (text == null || text.isBlank()) return MissingNode.getInstance();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new Failed(Target.Outcome.retry(null, peer.where() + ": " + request + ": the answer is not JSON"
          + peer.excerpt(text)));
    }
  }
}

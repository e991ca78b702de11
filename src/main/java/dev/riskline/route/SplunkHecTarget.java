package dev.riskline.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskline.finding.Problem;
import dev.riskline.risk.Settings;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The Splunk HTTP Event Collector: one {@code POST /services/collector/event} a delivery, with {@code
 * Authorization: Splunk <token>} and the body {@code {"time": <seconds.millis>, "host": "riskline",
 * "source": "riskline", "sourcetype": ..., "index": ..., "event": <the triage event>}}. {@code time} is
 * when the change was detected (the delivery's creation). HEC's answers, as {@link Http} reads every HTTP
 * target's: 200 {@code {"text":"Success","code":0}} is sent; 400 (invalid data, incorrect index) and 401/403
 * (missing, invalid or disabled token) fail for good; 503 (server busy) and 429 are retried after {@code
 * Retry-After}; other 5xx, timeouts and refused connections are retried. The host is checked before each
 * send ({@link UrlCheck}). HEC takes no idempotency key; the outbox sends each change once. The token never
 * appears in outcomes or messages. Thread-safe.
 *
 * <p>Settings (defaults in brackets):
 *
 * <ul>
 *   <li>{@code url} — the collector, {@code https://host:8088}; the event endpoint's path is added when
 *       the URL has none, a URL with a path (behind a proxy) is used as it is;
 *   <li>{@code token} — {@code ${NAME}}: the environment variable holding the HEC token;
 *   <li>{@code index} — the index to write to [the token's default index];
 *   <li>{@code sourcetype} [{@code riskline:finding}];
 *   <li>{@code allowInsecureHttp} — accept an {@code http} URL, which sends the token in clear text
 *       [false];
 *   <li>{@code timeoutSeconds} — to connect and to answer, 1 to 300 [10].
 * </ul>
 *
 * <pre>{@code
 * targets:
 *   splunk:
 *     type: splunk
 *     url: https://splunk.example.com:8088
 *     token: ${SPLUNK_HEC_TOKEN}
 *     index: security
 * }</pre>
 */
public final class SplunkHecTarget implements Target {
  static final String EVENT_PATH = "/services/collector/event";
  static final String DEFAULT_SOURCETYPE = "riskline:finding";
  private static final Pattern INDEX = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI url;
  private final String token;
  private final String index;
  private final String sourcetype;
  private final Http http;
  private final Http.Peer peer;
  private final Clock clock;

  SplunkHecTarget(String name, URI url, String token, String index, String sourcetype, Http http, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.token = Objects.requireNonNull(token, "token");
    this.index = index;
    this.sourcetype = Objects.requireNonNull(sourcetype, "sourcetype");
    this.http = Objects.requireNonNull(http, "http");
    this.peer = new Http.Peer("splunk " + name + " (" + UrlCheck.origin(url) + ")",
        Arrays.asList(token, url.getRawQuery()));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The target described by one {@code targets} entry; every problem goes to the settings' list and the
   * result is then null.
   *
   * @param env resolves an environment variable's name to its value, null when unset
   */
  public static SplunkHecTarget read(String name, Settings s, UnaryOperator<String> env) {
    return read(name, s, env, Clock.systemUTC());
  }

  /** The same, with the clock an HTTP date in {@code Retry-After} is measured from. */
  static SplunkHecTarget read(String name, Settings s, UnaryOperator<String> env, Clock clock) {
    int before = s.problems().size();
    s.allow("type", "url", "token", "index", "sourcetype", "allowInsecureHttp", "timeoutSeconds");
    boolean insecure = s.bool("allowInsecureHttp", false);
    URI url = url(s, insecure);
    String token = Secrets.read(s, "token", "the HEC token", true, env);
    String index = s.string("index", null);
    if (index != null && !INDEX.matcher(index).matches()) {
      s.problem(s.at("index"), "expected a Splunk index name (lower-case letters, digits, _ and -, not starting"
          + " with _ or -) but was " + Problem.describe(index));
    }
    String sourcetype = s.string("sourcetype", DEFAULT_SOURCETYPE);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    if (s.problems().size() > before) return null;
    Duration t = Duration.ofSeconds(timeout);
    HttpClient client = HttpClient.newBuilder().connectTimeout(t).followRedirects(HttpClient.Redirect.NEVER).build();
    return new SplunkHecTarget(name, url, token, index, sourcetype, new Http(client, t, clock), clock);
  }

  private static URI url(Settings s, boolean insecure) {
    String text = s.string("url", null);
    if (text == null) {
      if (!s.has("url")) s.problem(s.at("url"), "missing; expected the HEC URL, e.g. https://splunk.example.com:8088");
      return null;
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      s.problem(s.at("url"), "expected an https URL with a host, e.g. https://splunk.example.com:8088, but was "
          + Problem.describe(text));
      return null;
    }
    if ("http".equals(uri.getScheme()) && !insecure) {
      s.problem(s.at("url"), "expected https but was http, which sends the HEC token in clear text; use https, "
          + "or set allowInsecureHttp: true for a test instance");
      return null;
    }
    String problem = UrlCheck.hostProblem(uri.getHost());
    if (problem != null) {
      s.problem(s.at("url"), problem);
      return null;
    }
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? uri.resolve(EVENT_PATH) : uri;
  }

  @Override
  public String name() {
    return name;
  }

  URI url() {
    return url;
  }

  @Override
  public Outcome send(Delivery delivery) {
    String body;
    try {
      body = payload(delivery);
    } catch (JsonProcessingException e) {
      return Outcome.failed("the stored triage event is not JSON: " + e.getOriginalMessage());
    }
    return http.post(peer, url, body, Map.of("Authorization", "Splunk " + token));
  }

  /** The HEC event of a delivery. */
  String payload(Delivery d) throws JsonProcessingException {
    JsonNode event = JSON.readTree(d.event());
    Instant at = d.createdAt() == null ? clock.instant() : d.createdAt();
    ObjectNode root = JSON.createObjectNode();
    root.put("time", BigDecimal.valueOf(at.toEpochMilli(), 3));
    root.put("host", "riskline").put("source", "riskline").put("sourcetype", sourcetype);
    if (index != null) root.put("index", index);
    root.set("event", event);
    return JSON.writeValueAsString(root);
  }
}

package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook: POSTs the triage event as JSON with {@code Idempotency-Key} (the delivery's key),
 * {@code X-Riskline-Signature: sha256=<hex HMAC-SHA256 of the body>} when a secret is configured, and the
 * configured headers. With {@code template} (and {@code digestTemplate}) the body is a team's own JSON
 * instead ({@link JsonBody}); one that does not render JSON fails for good. Answers, failures and the address
 * check before each send are {@link Http}'s, as for every HTTP target. Details never show the secret, the
 * header values, secret {@code values} or the URL's path and query. Thread-safe.
 */
final class WebhookTarget implements Target {
  static final String SIGNATURE = "X-Riskline-Signature";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** Headers the HTTP client sets itself or this target sets: a configured header may not replace them. */
  private static final Set<String> RESERVED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "content-type", "idempotency-key", "x-riskline-signature");

  private final String name;
  private final URI url;
  private final boolean allowInsecureHttp;
  private final byte[] secret;
  private final Map<String, String> headers;
  private final JsonBody body;
  private final Http http;
  private final Http.Peer peer;

  /** @param body the templates of the body, or null for the triage event as is */
  WebhookTarget(String name, URI url, boolean allowInsecureHttp, String secret, Map<String, String> headers,
      JsonBody body, Duration timeout, HttpClient client, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.allowInsecureHttp = allowInsecureHttp;
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.http = new Http(client, timeout, clock);
    List<String> hidden = new ArrayList<>(List.of(url.toString()));
    if (url.getRawPath() != null && url.getRawPath().length() > 1) hidden.add(url.getRawPath());
    if (url.getRawQuery() != null) hidden.add(url.getRawQuery());
    if (secret != null) hidden.add(secret);
    headers.values().stream().filter(v -> v.length() >= 4).forEach(hidden::add);
    if (body != null) body.secrets().stream().filter(v -> v.length() >= 4).forEach(hidden::add);
    this.peer = new Http.Peer("webhook " + name + " (" + UrlCheck.origin(url) + ")", hidden);
  }

  /**
   * A webhook target from its settings: {@code url} (may use {@code ${ENV}}), {@code allowInsecureHttp}
   * (default false), {@code secret} ({@code ${ENV}} or {@code file:/path}), {@code headers} (values may use
   * {@code ${ENV}}), {@code timeoutSeconds} (default 10), {@code template} and {@code digestTemplate} (Mustache
   * files rendering the JSON body; default: the event as is), {@code values} (names for those templates; each
   * may use {@code ${ENV}} or {@code file:}). Null after adding problems to the settings.
   */
  static WebhookTarget read(String name, Settings s, Secrets secrets, HttpClient client, Clock clock) {
    s.allow("type", "url", "allowInsecureHttp", "secret", "headers", "timeoutSeconds", "template", "digestTemplate",
        "values");
    int before = s.problems().size();
    boolean allowHttp = s.bool("allowInsecureHttp", false);
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    URI url = url(s, secrets, allowHttp);
    String secret = null;
    Object rawSecret = s.raw("secret");
    if (rawSecret instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at("secret"), "expected ${ENV_VAR} or file:/path (a secret is never written in the file itself)");
    } else {
      secret = secrets.resolve(s, "secret");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Settings h = s.section("headers");
    for (String header : h.keys()) {
      String where = h.at(header);
      if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        s.problem(where, "expected a header name of letters, digits and -");
      } else if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
        s.problem(where, "the header is set by Riskline or the HTTP client; expected another name");
      } else if (!(h.raw(header) instanceof String text) || text.isBlank()) {
        s.problem(where, "expected a non-empty string or ${ENV_VAR}");
      } else {
        String value = secrets.resolve(h, where, text);
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
          s.problem(where, "expected a value on one line");
        } else if (value != null) {
          headers.put(header, value);
        }
      }
    }
    JsonBody body = JsonBody.read(name, s, secrets);
    if (s.problems().size() > before || url == null) return null;
    return new WebhookTarget(name, url, allowHttp, secret, headers, body, Duration.ofSeconds(timeout), client, clock);
  }

  /**
   * The {@code url} setting resolved and checked without DNS (https unless allowed; not a metadata host, not a
   * link-local or metadata address written as such), or null.
   */
  static URI url(Settings s, Secrets secrets, boolean allowHttp) {
    if (!s.has("url")) {
      s.problem(s.at("url"), "expected the webhook's URL (https://..., or ${ENV_VAR})");
      return null;
    }
    String text = secrets.resolve(s, "url");
    if (text == null) return null;
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      s.problem(s.at("url"), "expected a URL but it does not parse (" + e.getReason() + ")");
      return null;
    }
    String problem = UrlCheck.problem(url, allowHttp);
    if (problem != null) s.problem(s.at("url"), problem);
    return problem == null ? url : null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    String json;
    try {
      json = this.body == null ? delivery.event() : this.body.body(delivery);
    } catch (JsonBody.Invalid e) {
      return Outcome.failed(peer.where() + ": the " + (delivery.group() == null ? "template" : "digest template")
          + " renders invalid JSON: " + peer.redact(e.getMessage()));
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_KEY, delivery.key())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) request.header(SIGNATURE, "sha256=" + sign(secret, body));
    headers.forEach(request::header);
    return http.send(peer, request, null).outcome();
  }

  static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookTarget[" + name + ", " + UrlCheck.origin(url) + (allowInsecureHttp ? ", http allowed" : "") + "]";
  }
}

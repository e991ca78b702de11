package dev.riskline.route;

import dev.riskline.risk.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A chat incoming webhook (Slack, Teams): its secret URL, its message template and one JSON POST per
 * delivery; the kind decides the payload. Answers, failures and the address check before each send are
 * {@link Http}'s; details show the URL's scheme and host, never its path or query (the secret). Thread-safe.
 */
abstract class ChatTarget implements Target {
  private final String name;
  private final URI url;
  final Templates template;
  private final Http http;
  private final Http.Peer peer;

  ChatTarget(String name, URI url, Templates template, Http http) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.template = Objects.requireNonNull(template, "template");
    this.http = Objects.requireNonNull(http, "http");
    List<String> hidden = new ArrayList<>(List.of(url.toString()));
    if (url.getRawPath() != null && url.getRawPath().length() > 1) hidden.add(url.getRawPath());
    if (url.getRawQuery() != null) hidden.add(url.getRawQuery());
    this.peer = new Http.Peer(kind() + " " + name + " (" + UrlCheck.origin(url) + ")", hidden);
  }

  /** The kind's type in the configuration ({@code slack}), which details name the target by. */
  abstract String kind();

  /** The JSON body of one message. */
  abstract String payload(Message m);

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    return http.post(peer, url, payload(Message.of(delivery.event())), Map.of());
  }

  /** What a chat target is built from. */
  @FunctionalInterface
  interface Maker<T> {
    T make(String name, URI url, Templates template, Http http);
  }

  /**
   * A chat target from its settings: {@code url} (a secret, so {@code ${ENV_VAR}} or {@code file:/path}),
   * {@code template} (a Mustache file replacing the bundled one of {@code kind}), {@code digestTemplate} (the
   * same for a digest), {@code timeoutSeconds}
   * (default 10). Null after adding its problems.
   */
  static <T> T read(String name, Settings s, Secrets secrets, HttpClient client, Clock clock, String kind, String what,
      UnaryOperator<String> escape, Maker<T> maker) {
    s.allow("type", "url", "template", "digestTemplate", "timeoutSeconds");
    int before = s.problems().size();
    Object raw = s.raw("url");
    URI url = null;
    if (raw instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at("url"), "expected ${ENV_VAR} or file:/path: the " + what + " URL is a secret, never written in the file");
    } else if (raw == null) {
      s.problem(s.at("url"), "missing; expected ${ENV_VAR} or file:/path holding the " + what + " URL");
    } else {
      url = WebhookTarget.url(s, secrets, false);
    }
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    Templates template = Templates.read(s, kind, escape);
    if (s.problems().size() > before || url == null || template == null) return null;
    return maker.make(name, url, template, new Http(client, Duration.ofSeconds(timeout), clock));
  }
}

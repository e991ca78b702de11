package dev.riskline.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack incoming webhook: a Block Kit message (a header with the rating and title, a section with the
 * rendered template in mrkdwn, a context line with the finding id), and the plain {@code text} Slack shows
 * in notifications. Slack webhooks take no idempotency key; the outbox sends each change once. Thread-safe.
 */
public final class SlackTarget implements Target {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  private final String name;
  private final URI url;
  private final Templates template;
  private final Http http;

  SlackTarget(String name, URI url, Templates template, Http http) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.template = Objects.requireNonNull(template, "template");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * From its settings: {@code url} (the Slack incoming webhook URL; it holds a secret, so {@code ${ENV_VAR}} or
   * {@code file:/path}), {@code template} (a Mustache file replacing the bundled one), {@code timeoutSeconds}
   * (default 10). Null after adding its problems.
   */
  static SlackTarget read(String name, dev.riskline.risk.Settings s, Secrets secrets, java.net.http.HttpClient client) {
    s.allow("type", "url", "template", "timeoutSeconds");
    int before = s.problems().size();
    Object raw = s.raw("url");
    URI url = null;
    if (raw instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at("url"), "expected ${ENV_VAR} or file:/path: the Slack incoming webhook URL is a secret, never written in the file");
    } else if (raw == null) {
      s.problem(s.at("url"), "missing; expected ${ENV_VAR} or file:/path holding the Slack incoming webhook URL");
    } else {
      url = WebhookTarget.url(s, secrets, false);
    }
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    Templates template = Templates.read(s, "slack", Templates::slack);
    if (s.problems().size() > before || url == null || template == null) return null;
    return new SlackTarget(name, url, template, new Http(client, java.time.Duration.ofSeconds(timeout)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    return http.post(url, payload(Message.of(delivery.event())), Map.of());
  }

  /** The Block Kit payload of a message. */
  String payload(Message m) {
    ObjectNode root = JSON.createObjectNode();
    String headline = m.rating() + " risk: " + (m.title() == null ? m.findingId() : m.title());
    root.put("text", cut(headline, SECTION_MAX));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(headline, HEADER_MAX));
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", cut(template.render(m), SECTION_MAX));
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", cut(Templates.slack("Riskline · " + m.change() + " · " + m.findingId()), SECTION_MAX));
    return root.toString();
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A Microsoft Teams incoming webhook or Workflows ("When a Teams webhook request is received") URL: a
 * message whose attachment is an Adaptive Card 1.4 — the rating and title as a heading, the rendered
 * template as text, and facts (due date, state, account, resource). Thread-safe.
 */
public final class TeamsTarget implements Target {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI url;
  private final Templates template;
  private final Http http;

  TeamsTarget(String name, URI url, Templates template, Http http) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.template = Objects.requireNonNull(template, "template");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * From its settings: {@code url} (the Teams incoming webhook or Workflows URL; it holds a secret, so {@code ${ENV_VAR}} or
   * {@code file:/path}), {@code template} (a Mustache file replacing the bundled one), {@code timeoutSeconds}
   * (default 10). Null after adding its problems.
   */
  static TeamsTarget read(String name, dev.riskline.risk.Settings s, Secrets secrets, java.net.http.HttpClient client) {
    s.allow("type", "url", "template", "timeoutSeconds");
    int before = s.problems().size();
    Object raw = s.raw("url");
    URI url = null;
    if (raw instanceof String text && !Secrets.refers(text)) {
      s.problem(s.at("url"), "expected ${ENV_VAR} or file:/path: the Teams incoming webhook or Workflows URL is a secret, never written in the file");
    } else if (raw == null) {
      s.problem(s.at("url"), "missing; expected ${ENV_VAR} or file:/path holding the Teams incoming webhook or Workflows URL");
    } else {
      url = WebhookTarget.url(s, secrets, false);
    }
    int timeout = s.integer("timeoutSeconds", 10, 1, 300);
    Templates template = Templates.read(s, "teams", Templates::plain);
    if (s.problems().size() > before || url == null || template == null) return null;
    return new TeamsTarget(name, url, template, new Http(client, java.time.Duration.ofSeconds(timeout)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome send(Delivery delivery) {
    return http.post(url, payload(Message.of(delivery.event())), Map.of());
  }

  /** The message with its Adaptive Card. */
  String payload(Message m) {
    ObjectNode root = JSON.createObjectNode().put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content")
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard").put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("size", "Medium").put("weight", "Bolder").put("wrap", true)
        .put("text", m.rating() + " risk: " + (m.title() == null ? m.findingId() : m.title()));
    body.addObject().put("type", "TextBlock").put("wrap", true).put("text", template.render(m));
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "Change", m.change());
    fact(facts, "Due", m.due());
    fact(facts, "State", m.state());
    fact(facts, "Account", m.account());
    fact(facts, "Resource", m.resource());
    fact(facts, "Finding", m.findingId());
    return root.toString();
  }

  private static void fact(ArrayNode facts, String title, String value) {
    if (value != null) facts.addObject().put("title", title).put("value", value);
  }
}

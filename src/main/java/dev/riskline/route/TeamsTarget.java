package dev.riskline.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * A Microsoft Teams incoming webhook or Workflows ("When a Teams webhook request is received") URL: a
 * message whose attachment is an Adaptive Card 1.4 — the rating and title as a heading, the rendered
 * template as text, and facts (due date, state, account, resource). Thread-safe.
 */
public final class TeamsTarget extends ChatTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  TeamsTarget(String name, URI url, Templates template, Http http) {
    super(name, url, template, http);
  }

  static TeamsTarget read(String name, dev.riskline.risk.Settings s, Secrets secrets, java.net.http.HttpClient client,
      java.time.Clock clock) {
    return ChatTarget.read(name, s, secrets, client, clock, "teams", "Teams incoming webhook or Workflows", Templates::plain, TeamsTarget::new);
  }

  @Override
  String kind() {
    return "teams";
  }

  /** The message with its Adaptive Card. */
  @Override
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
    if (m.summary() != null) {
      fact(facts, "Findings", Integer.toString(m.summary().count()));
      fact(facts, "Route", m.summary().route());
      fact(facts, "Window", m.summary().window());
    }
    return root.toString();
  }

  private static void fact(ArrayNode facts, String title, String value) {
    if (value != null) facts.addObject().put("title", title).put("value", value);
  }
}

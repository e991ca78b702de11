package dev.riskline.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * A Slack incoming webhook: a Block Kit message (a header with the rating and title, a section with the
 * rendered template in mrkdwn, a context line with the finding id), and the plain {@code text} Slack shows
 * in notifications. Slack webhooks take no idempotency key; the outbox sends each change once. Thread-safe.
 */
public final class SlackTarget extends ChatTarget {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  SlackTarget(String name, URI url, Templates template, Http http) {
    super(name, url, template, http);
  }

  static SlackTarget read(String name, dev.riskline.risk.Settings s, Secrets secrets, java.net.http.HttpClient client,
      java.time.Clock clock) {
    return ChatTarget.read(name, s, secrets, client, clock, "slack", "Slack incoming webhook", Templates::slack, SlackTarget::new);
  }

  @Override
  String kind() {
    return "slack";
  }

  /** The Block Kit payload of a message. */
  @Override
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
        .put("text", cut(Templates.slack("Riskline · " + m.change() + " · "
            + (m.summary() == null ? m.findingId() : "route " + m.summary().route())), SECTION_MAX));
    return root.toString();
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}

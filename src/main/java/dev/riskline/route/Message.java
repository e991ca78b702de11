package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person reads about one delivery, taken from its triage event: why (rating, likelihood, impact,
 * reasons), by when (due date, state), what (title, finding, account, resource, product) and what to do
 * (the playbook). The view templates render. Immutable.
 */
public record Message(String change, String title, String rating, String likelihood, String impact, String due,
    String state, List<Line> reasons, String findingId, String account, String resource, String product,
    String severity, String playbook) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One reason: its factor and what it says. */
  public record Line(String factor, String detail) {}

  public Message {
    reasons = List.copyOf(reasons);
  }

  /** The message of a triage event (JSON text as the outbox holds it). */
  public static Message of(String eventJson) {
    JsonNode event;
    try {
      event = JSON.readTree(eventJson);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored triage event is not JSON", e);
    }
    JsonNode finding = event.path("detail").path("finding");
    JsonNode riskline = event.path("detail").path("riskline");
    JsonNode risk = riskline.path("Risk");
    List<Line> reasons = new ArrayList<>();
    for (JsonNode r : risk.path("Reasons")) reasons.add(new Line(r.path("Factor").asText(), r.path("Detail").asText()));
    JsonNode resource = finding.path("Resources").path(0);
    String change = event.path("detail-type").asText().replace("Riskline Finding ", "");
    return new Message(change, text(finding, "Title"), text(risk, "Rating"), text(risk, "Likelihood"),
        text(risk, "Impact"), day(text(riskline, "Due")), text(riskline, "State"), reasons, text(finding, "Id"),
        text(finding, "AwsAccountId"), text(resource, "Id"), text(finding, "ProductName"),
        text(finding.path("Severity"), "Label"), text(riskline, "Playbook"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String day(String instant) {
    return instant == null || instant.length() < 10 ? instant : instant.substring(0, 10);
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What a person reads about one delivery, taken from its triage event: why (rating, likelihood, impact,
 * reasons), by when (due date, state), what (title, finding, account, resource, product) and what to do
 * (the playbook, and its {@code playbookLink} when {@code playbookUrl} is configured). For a digest the change is {@code DIGEST}, the title {@code 400 findings on <key>}, the
 * rating the highest and the due date the earliest of its members, and {@link #summary} the rest. The view
 * templates render. Immutable.
 */
public record Message(String change, String title, String rating, String likelihood, String impact, String due,
    String state, List<Line> reasons, String findingId, String account, String resource, String product,
    String severity, String playbook, String playbookLink, Summary summary) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One reason: its factor and what it says. */
  public record Line(String factor, String detail) {}

  /**
   * What a digest holds.
   *
   * @param count how many findings it stands for
   * @param route the route whose digest it is
   * @param key the values that made the group, or {@code route <name>} when it has none
   * @param window when its window opened and closed ({@code 2026-02-01 08:00 to 08:15 UTC})
   * @param ratings how many findings of each rating, highest first ({@code 3 CRITICAL, 9 HIGH})
   * @param findings the findings it shows, highest rating first
   * @param more how many it leaves out ({@code 390 more}), or null
   */
  public record Summary(int count, String route, String key, String window, String ratings, List<Item> findings,
      String more) {
    public Summary {
      findings = List.copyOf(findings);
    }
  }

  /** One finding shown in a digest. */
  public record Item(String rating, String title, String findingId, String account, String resource, String due) {}

  public Message {
    reasons = List.copyOf(reasons);
  }

  /** The message of one finding's change. */
  public Message(String change, String title, String rating, String likelihood, String impact, String due,
      String state, List<Line> reasons, String findingId, String account, String resource, String product,
      String severity, String playbook) {
    this(change, title, rating, likelihood, impact, due, state, reasons, findingId, account, resource, product,
        severity, playbook, null, null);
  }

  /** The message of a triage event or a digest event (JSON text as the outbox holds it). */
  public static Message of(String eventJson) {
    JsonNode event;
    try {
      event = JSON.readTree(eventJson);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored triage event is not JSON", e);
    }
    if (DigestEvent.DETAIL_TYPE.equals(event.path("detail-type").asText())) return digest(event.path("detail"));
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
        text(finding.path("Severity"), "Label"), text(riskline, "Playbook"), text(riskline, "PlaybookUrl"), null);
  }

  private static Message digest(JsonNode d) {
    int count = d.path("count").asInt();
    String route = d.path("route").asText();
    StringJoiner key = new StringJoiner(", ");
    d.path("key").forEach(v -> key.add(v.isNull() ? "none" : v.isValueNode() ? v.asText() : v.toString()));
    String on = key.length() == 0 ? "route " + route : key.toString();
    StringJoiner ratings = new StringJoiner(", ");
    String highest = null;
    for (var it = d.path("ratings").fields(); it.hasNext(); ) {
      var e = it.next();
      ratings.add(e.getValue().asInt() + " " + e.getKey());
      if (highest == null) highest = e.getKey();
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode e : d.path("findings")) {
      JsonNode finding = e.path("detail").path("finding");
      JsonNode riskline = e.path("detail").path("riskline");
      items.add(new Item(text(riskline.path("Risk"), "Rating"), text(finding, "Title"), text(finding, "Id"),
          text(finding, "AwsAccountId"), text(finding.path("Resources").path(0), "Id"), day(text(riskline, "Due"))));
    }
    int omitted = d.path("omitted").asInt();
    String start = text(d.path("window"), "start");
    String end = text(d.path("window"), "end");
    String window = start == null || end == null || start.length() < 16 || end.length() < 16 ? null
        : start.substring(0, 10) + " " + start.substring(11, 16) + " to "
            + (end.startsWith(start.substring(0, 10)) ? "" : end.substring(0, 10) + " ") + end.substring(11, 16) + " UTC";
    Summary summary = new Summary(count, route, on, window, ratings.toString(), items,
        omitted > 0 ? omitted + " more" : null);
    return new Message("DIGEST", count + (count == 1 ? " finding on " : " findings on ") + on, highest, null, null,
        day(text(d, "due")), null, List.of(), null, null, null, null, null, null, null, summary);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String day(String instant) {
    return instant == null || instant.length() < 10 ? instant : instant.substring(0, 10);
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one message of a digest group, built from its members when it is sent:
 * {@code {"source": "riskline", "detail-type": "Riskline Digest", "detail": {"route", "target", "key": {pointer:
 * value}, "count", "window": {"start", "end"}, "ratings": {rating: count, highest first}, "changes": {change:
 * count}, "due": the earliest due date, "findings": [member events, highest rating first, then soonest due],
 * "omitted": members left out of findings}}}. Stateless.
 */
final class DigestEvent {
  static final String DETAIL_TYPE = "Riskline Digest";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DigestEvent() {}

  /** One member: its delivery and its event read. */
  private record Member(Delivery delivery, JsonNode event, String rating, Instant due) {}

  /**
   * The message of a group as one delivery: the first member's id and attempts, the group's idempotency key,
   * the digest event, and the window's end as when it was made.
   *
   * @param members every member of one group in one window (at least one)
   * @param shown how many member events the message carries
   */
  static Delivery delivery(List<Delivery> members, int shown) {
    Delivery first = members.get(0);
    Delivery.Group g = first.group();
    return new Delivery(first.id(), g.messageKey(), first.route(), first.target(), first.change(), null,
        json(members, shown), first.status(), first.attempts(), first.nextAttemptAt(), first.lastError(), g.end(),
        null, g);
  }

  static String json(List<Delivery> members, int shown) {
    List<Member> all = new ArrayList<>(members.size());
    for (Delivery d : members) {
      JsonNode e = read(d.event());
      JsonNode riskline = e.path("detail").path("riskline");
      all.add(new Member(d, e, text(riskline.path("Risk").path("Rating")), instant(text(riskline.path("Due")))));
    }
    all.sort(Comparator.comparingInt((Member m) -> -m.delivery().group().rank())
        .thenComparing(Member::due, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparingLong(m -> m.delivery().id()));
    Delivery first = members.get(0);
    Delivery.Group g = first.group();
    ObjectNode detail = JSON.createObjectNode();
    detail.put("route", first.route()).put("target", first.target());
    detail.set("key", read(g.values()));
    detail.put("count", all.size());
    detail.putObject("window").put("start", String.valueOf(g.start())).put("end", String.valueOf(g.end()));
    Map<String, Integer> ratings = new LinkedHashMap<>();
    Map<String, Integer> changes = new TreeMap<>();
    Instant due = null;
    for (Member m : all) {
      ratings.merge(m.rating() == null ? "NONE" : m.rating(), 1, Integer::sum);
      changes.merge(m.delivery().change().name(), 1, Integer::sum);
      if (m.due() != null && (due == null || m.due().compareTo(due) < 0)) due = m.due();
    }
    ObjectNode r = detail.putObject("ratings");
    ratings.forEach(r::put);
    ObjectNode c = detail.putObject("changes");
    changes.forEach(c::put);
    if (due != null) detail.put("due", due.toString());
    ArrayNode findings = detail.putArray("findings");
    for (int i = 0; i < Math.min(shown, all.size()); i++) findings.add(all.get(i).event());
    detail.put("omitted", Math.max(0, all.size() - shown));
    ObjectNode event = JSON.createObjectNode().put("source", "riskline").put("detail-type", DETAIL_TYPE);
    event.set("detail", detail);
    return event.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored event is not JSON", e);
    }
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }
}

package dev.riskline.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event routes match and targets receive, shaped as an EventBridge event so routes are the patterns
 * security teams already write: {@code {"source": "riskline", "detail-type": "Riskline Finding <Change>",
 * "detail": {"finding": <the ASFF finding>, "riskline": <the Riskline object>}}}. Stateless.
 */
public final class TriageEvent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TriageEvent() {}

  /** The event as a tree. */
  public static Map<String, Object> of(Change change, Map<String, Object> finding, Map<String, Object> riskline) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("finding", finding);
    detail.put("riskline", riskline);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("source", "riskline");
    event.put("detail-type", change.detailType());
    event.put("detail", detail);
    return event;
  }

  /** The event as JSON text. */
  public static String json(Change change, Map<String, Object> finding, Map<String, Object> riskline) {
    try {
      return JSON.writeValueAsString(of(change, finding, riskline));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the triage event", e);
    }
  }

  /** The event's JSON text read back as a tree. */
  public static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a triage event is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}

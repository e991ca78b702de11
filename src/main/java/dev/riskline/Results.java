package dev.riskline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a triage result as one JSON object: the ASFF finding's fields as they are, then the
 * {@code Riskline} object (removing it leaves valid ASFF). Stateless.
 */
public final class Results {
  private Results() {}

  public static void write(JsonGenerator json, TriageResult result) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, Object> e : result.finding().json().entrySet()) {
      json.writeFieldName(e.getKey());
      json.writeObject(e.getValue());
    }
    json.writeFieldName("Riskline");
    json.writeObject(result.riskline());
    json.writeEndObject();
  }
}

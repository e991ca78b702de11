package dev.riskline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a triage result as one JSON object: the ASFF finding's fields as they are, then the
 * {@code Riskline} object (removing it leaves valid ASFF). The tree is written with the generator's own
 * calls, value by value: findings hold only maps, lists, strings, numbers, booleans and nulls, and
 * skipping the general serializer lookup per value halves the cost. Stateless.
 */
public final class Results {
  private Results() {}

  public static void write(JsonGenerator json, TriageResult result) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, Object> e : result.finding().json().entrySet()) {
      json.writeFieldName(e.getKey());
      value(json, e.getValue());
    }
    json.writeFieldName("Riskline");
    value(json, result.riskline());
    json.writeEndObject();
  }

  /** Writes one JSON value of a finding tree. */
  public static void value(JsonGenerator json, Object v) throws IOException {
    if (v instanceof String s) {
      json.writeString(s);
    } else if (v instanceof Map<?, ?> m) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        value(json, e.getValue());
      }
      json.writeEndObject();
    } else if (v instanceof List<?> l) {
      json.writeStartArray();
      for (Object o : l) value(json, o);
      json.writeEndArray();
    } else if (v == null) {
      json.writeNull();
    } else if (v instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (v instanceof Integer i) {
      json.writeNumber(i);
    } else if (v instanceof Long l) {
      json.writeNumber(l);
    } else if (v instanceof Double d) {
      json.writeNumber(d);
    } else if (v instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (v instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (v instanceof Number n) {
      json.writeNumber(n.doubleValue());
    } else {
      json.writeObject(v);
    }
  }
}

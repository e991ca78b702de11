package dev.riskline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.riskline.finding.Finding;
import dev.riskline.risk.Assessment;
import dev.riskline.risk.Reason;
import dev.riskline.route.WriteBack;
import dev.riskline.schedule.Scheduled;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a triage result as one JSON object: the ASFF finding's fields as they are, then the
 * {@code Riskline} object (removing it leaves valid ASFF). When the finding is its source record with
 * fields appended (the common case: a new finding that no rule changed), the record's own bytes are
 * copied and only the appended fields are written; that requires a generator at the root of a byte
 * stream, with no root value separator. Otherwise the tree is written with the generator's own calls,
 * value by value (findings hold only maps, lists, strings, numbers, booleans and nulls). Stateless.
 */
public final class Results {
  private Results() {}

  public static void write(JsonGenerator json, TriageResult result) throws IOException {
    if (json.getOutputTarget() instanceof OutputStream out && json.getOutputContext().inRoot()) {
      Finding.Source source = result.finding().source();
      if (source != null) {
        writeFromSource(json, out, source, result);
        return;
      }
      Finding.Fields fields = result.finding().fields();
      if (fields != null) {
        writeFromFields(json, out, fields, result);
        return;
      }
    }
    json.writeStartObject();
    for (Map.Entry<String, Object> e : result.finding().json().entrySet()) {
      json.writeFieldName(e.getKey());
      value(json, e.getValue());
    }
    json.writeFieldName("Riskline");
    riskline(json, result);
    json.writeEndObject();
  }

  /** The {@code Riskline} object, as {@link TriageResult#riskline()} gives it, written without building it. */
  static void riskline(JsonGenerator json, TriageResult r) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("Rules");
    for (String name : r.rules()) json.writeString(name);
    json.writeEndArray();
    Assessment a = r.risk();
    json.writeObjectFieldStart("Risk");
    json.writeStringField("Rating", a.rating());
    if (a.likelihood() != null) json.writeStringField("Likelihood", a.likelihood());
    if (a.impact() != null) json.writeStringField("Impact", a.impact());
    json.writeStringField("Model", a.model());
    json.writeArrayFieldStart("Reasons");
    for (Reason reason : a.reasons()) {
      json.writeStartObject();
      json.writeStringField("Factor", reason.factor());
      json.writeStringField("Detail", reason.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    Scheduled s = r.schedule();
    if (s.due() != null) json.writeStringField("Due", s.due().toString());
    json.writeStringField("State", s.state().name());
    if (s.acceptance() != null) json.writeStringField("Acceptance", s.acceptance());
    if (s.slaMet() != null) json.writeBooleanField("SlaMet", s.slaMet());
    if (r.change() != null) json.writeStringField("Change", r.change().name());
    if (r.playbook() != null) json.writeStringField("Playbook", r.playbook());
    if (!r.routes().isEmpty()) {
      json.writeArrayFieldStart("Routes");
      for (String route : r.routes()) json.writeString(route);
      json.writeEndArray();
      Map<String, Object> writeBack = WriteBack.of(r.finding(), a, s, r.change(), r.routes(), List.of());
      if (writeBack != null) {
        json.writeFieldName("WriteBack");
        value(json, writeBack);
      }
    }
    json.writeEndObject();
  }

  /**
   * The record's own bytes up to its closing brace, then the fields added after it and the
   * {@code Riskline} object: what {@link #write} gives, without writing the record's values again.
   */
  private static void writeFromSource(JsonGenerator json, OutputStream out, Finding.Source source,
      TriageResult result) throws IOException {
    byte[] raw = source.json();
    int end = raw.length - 1;
    while (end > 0 && raw[end] != '}') end--;
    json.flush();
    out.write(raw, 0, end);
    boolean first = source.fields() == 0;
    int i = 0;
    for (Map.Entry<String, Object> e : result.finding().json().entrySet()) {
      if (i++ < source.fields()) continue;
      field(json, out, first, e.getKey(), e.getValue());
      first = false;
    }
    risklineField(json, out, first, result);
    out.write('}');
  }

  /** Field by field: the values that did not change are copied from the record's bytes, the rest written. */
  private static void writeFromFields(JsonGenerator json, OutputStream out, Finding.Fields fields,
      TriageResult result) throws IOException {
    byte[] raw = fields.json();
    int[] spans = fields.spans();
    json.flush();
    out.write('{');
    int i = 0;
    for (Map.Entry<String, Object> e : result.finding().json().entrySet()) {
      if (i > 0) out.write(',');
      json.writeString(e.getKey());
      json.flush();
      out.write(':');
      int from = spans[2 * i];
      if (from >= 0) {
        out.write(raw, from, spans[2 * i + 1] - from);
      } else {
        value(json, e.getValue());
        json.flush();
      }
      i++;
    }
    risklineField(json, out, i == 0, result);
    out.write('}');
  }

  private static void risklineField(JsonGenerator json, OutputStream out, boolean first, TriageResult result)
      throws IOException {
    if (!first) out.write(',');
    json.writeString("Riskline");
    json.flush();
    out.write(':');
    riskline(json, result);
    json.flush();
  }

  private static void field(JsonGenerator json, OutputStream out, boolean first, String key, Object value)
      throws IOException {
    if (!first) out.write(',');
    json.writeString(key);
    json.flush();
    out.write(':');
    value(json, value);
    json.flush();
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

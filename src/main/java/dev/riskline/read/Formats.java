package dev.riskline.read;

import dev.riskline.finding.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises one record and turns it into ASFF trees: an ASFF finding as it is; an EventBridge envelope
 * by its {@code detail-type} (reference §5); an Amazon Inspector v2 finding ({@code findingArn}); an OCSF
 * finding ({@code finding_info}, {@code class_uid}). Stateless.
 */
final class Formats {
  /** What the readers accept, as error messages list it. */
  static final List<String> ACCEPTED = List.of(
      "an ASFF finding, a JSON array of them, NDJSON, or {\"Findings\": [...]} (aws securityhub get-findings)",
      "EventBridge events: \"Security Hub Findings - Imported\", \"Security Hub Findings - Custom Action\", "
          + "\"Findings Imported V2\", \"Inspector2 Finding\"",
      "Amazon Inspector v2 findings, or {\"findings\": [...]} (aws inspector2 list-findings)",
      "OCSF findings (Prowler *.ocsf.json, Security Hub OCSF)");

  private static final Set<String> SECURITY_HUB_EVENTS =
      Set.of("Security Hub Findings - Imported", "Security Hub Findings - Custom Action");

  private Formats() {}

  /** One ASFF tree made from a record, with the path of its source inside the record. */
  record Part(String path, Map<String, Object> asff) {}

  /** The findings of one record, and the problems of the parts that could not be read (events carry several). */
  record Parts(List<Part> parts, List<Problem> problems) {
    static Parts one(String path, Map<String, Object> asff) {
      return new Parts(List.of(new Part(path, asff)), List.of());
    }
  }

  /** The ASFF trees in a record; BadRecord when nothing in it is a finding of an accepted format. */
  static Parts toAsff(Map<String, Object> record) {
    if (record.containsKey("detail-type") && record.containsKey("detail")) return event(record);
    if (record.containsKey("SchemaVersion") || (record.containsKey("ProductArn") && record.containsKey("Id"))) {
      return Parts.one("", record);
    }
    if (record.containsKey("findingArn")) return Parts.one("", InspectorMapping.toAsff(record));
    if (record.containsKey("finding_info") || record.containsKey("class_uid")) {
      return Parts.one("", OcsfMapping.toAsff(record));
    }
    throw new BadRecord("", notAFinding(record));
  }

  static String notAFinding(Map<String, Object> record) {
    String keys = record.isEmpty() ? "an empty object" : "an object with keys " + abbreviate(record.keySet());
    return "not a finding of any accepted format: expected " + String.join("; or ", ACCEPTED) + "; but was " + keys;
  }

  private static Parts event(Map<String, Object> event) {
    Object type = event.get("detail-type");
    Object detail = event.get("detail");
    if (!(detail instanceof Map<?, ?> d)) {
      throw new BadRecord("detail", "expected an object but was " + (detail == null ? "null" : "a " + kind(detail)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> det = (Map<String, Object>) d;
    if ("Inspector2 Finding".equals(type)) {
      try {
        return Parts.one("detail", InspectorMapping.toAsff(det));
      } catch (BadRecord e) {
        throw new BadRecord(e.problems().stream().map(p -> p.under("detail")).toList());
      }
    }
    boolean v2 = "Findings Imported V2".equals(type);
    if (SECURITY_HUB_EVENTS.contains(type) || v2) {
      Object findings = det.get("findings");
      if (!(findings instanceof List<?> list)) {
        throw new BadRecord("detail.findings", "expected an array of findings but was "
            + (findings == null ? "missing" : "a " + kind(findings)));
      }
      List<Part> parts = new ArrayList<>(list.size());
      List<Problem> problems = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "detail.findings[" + i + "]";
        if (!(list.get(i) instanceof Map<?, ?> f)) {
          problems.add(new Problem(path, "expected an object but was a " + kind(list.get(i))));
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = (Map<String, Object>) f;
        try {
          parts.add(new Part(path, v2 ? OcsfMapping.toAsff(finding) : finding));
        } catch (BadRecord e) {
          e.problems().forEach(p -> problems.add(p.under(path)));
        }
      }
      if (parts.isEmpty() && !problems.isEmpty()) throw new BadRecord(problems);
      return new Parts(parts, problems);
    }
    throw new BadRecord("detail-type", "expected one of [Security Hub Findings - Imported, "
        + "Security Hub Findings - Custom Action, Findings Imported V2, Inspector2 Finding] but was "
        + (type instanceof String s ? "\"" + s + "\"" : String.valueOf(type)));
  }

  static String kind(Object v) {
    if (v instanceof Map<?, ?>) return "object";
    if (v instanceof List<?>) return "array";
    if (v instanceof String) return "string";
    if (v instanceof Number) return "number";
    if (v instanceof Boolean) return "boolean";
    return "null";
  }

  private static String abbreviate(Set<String> keys) {
    List<String> shown = keys.stream().limit(8).map(k -> k.length() > 40 ? k.substring(0, 40) + "…" : k).toList();
    return shown + (keys.size() > 8 ? " and " + (keys.size() - 8) + " more" : "");
  }
}

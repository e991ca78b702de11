package dev.riskline.rules;

import dev.riskline.finding.Asff;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.VerificationState;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of {@code FindingFieldsUpdate} into {@link Update}s, with the limits of the model
 * ({@code Note.Text} 1..512 characters, {@code Confidence}, {@code Criticality} and {@code Normalized}
 * 0..100, {@code Types} 1..50, {@code UserDefinedFields} 1..50 entries with keys of at most 128 and values
 * of at most 1024 characters, {@code RelatedFindings} 1..10). Stateless and thread-safe.
 */
final class Updates {
  /** A reader of one update field; returns null after recording its problems. */
  @FunctionalInterface
  interface Reader {
    Update read(Object json, String path, Check check);
  }

  /** The registry: field of {@code FindingFieldsUpdate} → its reader. */
  static final Map<String, Reader> ALL = Map.of(
      "Note", Updates::note,
      "Severity", Updates::severity,
      "VerificationState", Updates::verificationState,
      "Confidence", (json, path, check) -> score("Confidence", json, path, check),
      "Criticality", (json, path, check) -> score("Criticality", json, path, check),
      "Types", Updates::types,
      "UserDefinedFields", Updates::userDefinedFields,
      "Workflow", Updates::workflow,
      "RelatedFindings", Updates::relatedFindings);

  /** The field names, sorted, as messages list them. */
  static final List<String> NAMES = ALL.keySet().stream().sorted().toList();

  private Updates() {}

  private static Update note(Object json, String path, Check check) {
    Map<String, Object> note = check.object(json, path);
    if (note == null) return null;
    check.fields(note, path, List.of("Text", "UpdatedBy"));
    String text = check.text(note, "Text", path, true, 1, 512);
    String by = check.text(note, "UpdatedBy", path, true, 1, 512);
    return text == null || by == null ? null : new Update.Note(text, by);
  }

  private static Update severity(Object json, String path, Check check) {
    Map<String, Object> severity = check.object(json, path);
    if (severity == null) return null;
    int before = check.count();
    check.fields(severity, path, List.of("Label", "Normalized", "Product"));
    check.atLeastOne(severity, path, List.of("Label", "Normalized", "Product"));
    String label = check.oneOf(severity, "Label", path, false, Asff.names(SeverityLabel.class));
    Integer normalized = check.integer(severity, "Normalized", path, false, 0, 100);
    Double product = check.number(severity, "Product", path);
    if (check.count() > before) return null;
    return new Update.Severity(label == null ? null : SeverityLabel.valueOf(label), normalized, product);
  }

  private static Update verificationState(Object json, String path, Check check) {
    return enumValue(json, path, check, Asff.names(VerificationState.class), "VerificationState");
  }

  private static Update score(String field, Object json, String path, Check check) {
    Integer v = check.integer(json, path, true, 0, 100);
    return v == null ? null : new Update.Replace(field, v);
  }

  private static Update types(Object json, String path, Check check) {
    List<Object> types = check.array(json, path);
    if (types == null) return null;
    int before = check.count();
    if (types.isEmpty() || types.size() > 50) check.add(path, "expected 1..50 types but was " + types.size());
    for (int i = 0; i < types.size(); i++) {
      Object t = types.get(i);
      if (!(t instanceof String s) || s.isEmpty() || s.length() > 128) {
        check.fail(Check.at(path, i), "expected a string of 1..128 characters", t);
      }
    }
    return check.count() > before ? null : new Update.Replace("Types", Update.frozen(types));
  }

  private static Update userDefinedFields(Object json, String path, Check check) {
    Map<String, Object> fields = check.object(json, path);
    if (fields == null) return null;
    int before = check.count();
    if (fields.isEmpty() || fields.size() > 50) check.add(path, "expected 1..50 entries but was " + fields.size());
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String at = Check.at(path, e.getKey());
      if (e.getKey().isEmpty() || e.getKey().length() > 128) {
        check.fail(path, "expected keys of 1..128 characters", e.getKey());
      } else if (!(e.getValue() instanceof String s) || s.isEmpty() || s.length() > 1024) {
        check.fail(at, "expected a string of 1..1024 characters", e.getValue());
      } else {
        out.put(e.getKey(), s);
      }
    }
    return check.count() > before ? null : new Update.MergeFields(out);
  }

  private static Update workflow(Object json, String path, Check check) {
    Map<String, Object> workflow = check.object(json, path);
    if (workflow == null) return null;
    check.fields(workflow, path, List.of("Status"));
    String status = check.oneOf(workflow, "Status", path, true, Asff.names(WorkflowStatus.class));
    return status == null ? null : new Update.Workflow(status);
  }

  private static Update relatedFindings(Object json, String path, Check check) {
    List<Object> related = check.array(json, path);
    if (related == null) return null;
    int before = check.count();
    if (related.isEmpty() || related.size() > 10) {
      check.add(path, "expected 1..10 related findings but was " + related.size());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < related.size(); i++) {
      String at = Check.at(path, i);
      Map<String, Object> r = check.object(related.get(i), at);
      if (r == null) continue;
      check.fields(r, at, List.of("Id", "ProductArn"));
      String arn = check.text(r, "ProductArn", at, true, 1, 512);
      String id = check.text(r, "Id", at, true, 1, 512);
      if (arn != null && id != null) out.add(Map.of("ProductArn", arn, "Id", id));
    }
    return check.count() > before ? null : new Update.Replace("RelatedFindings", Update.frozen(out));
  }

  private static Update enumValue(Object json, String path, Check check, List<String> allowed, String field) {
    String v = check.oneOf(json, path, true, allowed);
    return v == null ? null : new Update.Replace(field, v);
  }
}

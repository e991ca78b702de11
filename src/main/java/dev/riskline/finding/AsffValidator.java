package dev.riskline.finding;

import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.VerificationState;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks one ASFF tree against the limits of [SH-MODEL]; collects every problem. Not thread-safe. */
final class AsffValidator {
  private static final List<String> WORKFLOW_STATE =
      List.of("NEW", "ASSIGNED", "IN_PROGRESS", "DEFERRED", "RESOLVED");
  private static final List<String> SEVERITY_LABELS = Asff.names(SeverityLabel.class);
  private static final List<String> WORKFLOW_STATUSES = Asff.names(WorkflowStatus.class);
  private static final List<String> RECORD_STATES = Asff.names(RecordState.class);
  private static final List<String> COMPLIANCE_STATUSES = Asff.names(ComplianceStatus.class);
  private static final List<String> VERIFICATION_STATES = Asff.names(VerificationState.class);

  private final List<Problem> problems = new ArrayList<>();

  List<Problem> validate(Map<String, Object> f) {
    Object schema = f.get("SchemaVersion");
    if (schema == null) {
      missing("SchemaVersion");
    } else if (!Asff.SCHEMA_VERSION.equals(schema)) {
      fail("SchemaVersion", "expected \"" + Asff.SCHEMA_VERSION + "\"", schema);
    }
    string(f, "Id", 1, 512, true);
    string(f, "ProductArn", 12, 2048, true);
    string(f, "GeneratorId", 1, 512, true);
    Object account = f.get("AwsAccountId");
    if (account == null) {
      missing("AwsAccountId");
    } else if (!(account instanceof String s) || s.length() != 12) {
      fail("AwsAccountId", "expected a string of exactly 12 characters", account);
    }
    timestamp(f, "CreatedAt", true);
    timestamp(f, "UpdatedAt", true);
    timestamp(f, "FirstObservedAt", false);
    timestamp(f, "LastObservedAt", false);
    timestamp(f, "ProcessedAt", false);
    string(f, "Title", 1, 256, true);
    string(f, "Description", 1, 1024, true);
    string(f, "ProductName", 1, 128, false);
    string(f, "CompanyName", 1, 128, false);
    string(f, "Region", 1, 16, false);
    string(f, "AwsAccountName", 1, 50, false);
    stringList(f, "Types", 50, true);
    severity(f);
    integer(f, "Confidence", 0, 100);
    integer(f, "Criticality", 0, 100);
    resources(f);
    stringMap(f, "ProductFields", 50, 128, 2048);
    stringMap(f, "UserDefinedFields", 50, 128, 1024);
    enumValue(f, "VerificationState", "VerificationState", VERIFICATION_STATES);
    enumValue(f, "WorkflowState", "WorkflowState", WORKFLOW_STATE);
    enumValue(f, "RecordState", "RecordState", RECORD_STATES);
    Map<String, Object> workflow = object(f, "Workflow", "Workflow");
    if (workflow != null) enumValue(workflow, "Status", "Workflow.Status", WORKFLOW_STATUSES);
    Map<String, Object> compliance = object(f, "Compliance", "Compliance");
    if (compliance != null) {
      enumValue(compliance, "Status", "Compliance.Status", COMPLIANCE_STATUSES);
      stringList(compliance, "RelatedRequirements", "Compliance.RelatedRequirements", 32, false);
    }
    note(f);
    relatedFindings(f);
    vulnerabilities(f);
    object(f, "FindingProviderFields", "FindingProviderFields");
    return problems;
  }

  private void severity(Map<String, Object> f) {
    Object sev = f.get("Severity");
    if (sev == null) {
      // A provider may give only FindingProviderFields.Severity, which import copies to the top (§3.2).
      Object fpfSeverity = Finding.map(f.get("FindingProviderFields")).get("Severity");
      if (Finding.map(fpfSeverity).get("Label") == null) missing("Severity");
      else enumValue(Finding.map(fpfSeverity), "Label", "FindingProviderFields.Severity.Label",
          SEVERITY_LABELS);
      return;
    }
    Map<String, Object> s = object(f, "Severity", "Severity");
    if (s == null) return;
    Object label = s.get("Label");
    Object normalized = s.get("Normalized");
    if (label == null && normalized == null) {
      problems.add(new Problem("Severity", "expected Label or Normalized but found neither"));
      return;
    }
    enumValue(s, "Label", "Severity.Label", SEVERITY_LABELS);
    integer(s, "Normalized", "Severity.Normalized", 0, 100);
    string(s, "Original", "Severity.Original", 1, 64, false);
  }

  private void resources(Map<String, Object> f) {
    Object value = f.get("Resources");
    if (value == null) {
      missing("Resources");
      return;
    }
    if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 32) {
      fail("Resources", "expected an array of 1..32 resources", value);
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "Resources[" + i + "]";
      Object r = list.get(i);
      if (!(r instanceof Map<?, ?>)) {
        fail(path, "expected an object", r);
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> res = (Map<String, Object>) r;
      string(res, "Type", path + ".Type", 1, 256, true);
      string(res, "Id", path + ".Id", 1, 4096, true);
      string(res, "Region", path + ".Region", 1, 16, false);
      stringMap(res, "Tags", path + ".Tags", 10_000, 128, 256);
    }
  }

  private void note(Map<String, Object> f) {
    Map<String, Object> note = object(f, "Note", "Note");
    if (note == null) return;
    string(note, "Text", "Note.Text", 1, 512, true);
  }

  private void relatedFindings(Map<String, Object> f) {
    Object value = f.get("RelatedFindings");
    if (value == null) return;
    if (!(value instanceof List<?> list) || list.size() > 10) {
      fail("RelatedFindings", "expected an array of at most 10 related findings", value);
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "RelatedFindings[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        fail(path, "expected an object", list.get(i));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> rf = (Map<String, Object>) m;
      string(rf, "ProductArn", path + ".ProductArn", 12, 2048, true);
      string(rf, "Id", path + ".Id", 1, 512, true);
    }
  }

  private void vulnerabilities(Map<String, Object> f) {
    Object value = f.get("Vulnerabilities");
    if (value == null) return;
    if (!(value instanceof List<?> list)) {
      fail("Vulnerabilities", "expected an array", value);
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "Vulnerabilities[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        fail(path, "expected an object", list.get(i));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> v = (Map<String, Object>) m;
      string(v, "Id", path + ".Id", 1, 512, true);
      number(v, "EpssScore", path + ".EpssScore", 0, 1);
      enumValue(v, "ExploitAvailable", path + ".ExploitAvailable", List.of("YES", "NO"));
      enumValue(v, "FixAvailable", path + ".FixAvailable", List.of("YES", "NO", "PARTIAL"));
      timestamp(v, "LastKnownExploitAt", path + ".LastKnownExploitAt", false);
      Object cvss = v.get("Cvss");
      if (cvss instanceof List<?> cl) {
        for (int j = 0; j < cl.size(); j++) {
          if (cl.get(j) instanceof Map<?, ?> c) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cm = (Map<String, Object>) c;
            number(cm, "BaseScore", path + ".Cvss[" + j + "].BaseScore", 0, 10);
          } else {
            fail(path + ".Cvss[" + j + "]", "expected an object", cl.get(j));
          }
        }
      } else if (cvss != null) {
        fail(path + ".Cvss", "expected an array", cvss);
      }
    }
  }

  // ---- primitives ----

  private void string(Map<String, Object> m, String key, int min, int max, boolean required) {
    string(m, key, key, min, max, required);
  }

  private void string(Map<String, Object> m, String key, String path, int min, int max, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) missing(path);
      return;
    }
    if (!(v instanceof String s) || s.length() < min || s.length() > max) {
      fail(path, "expected a string of " + min + ".." + max + " characters", v);
    }
  }

  private void timestamp(Map<String, Object> m, String key, boolean required) {
    timestamp(m, key, key, required);
  }

  private void timestamp(Map<String, Object> m, String key, String path, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) missing(path);
      return;
    }
    if (!(v instanceof String s) || Timestamps.parse(s).isEmpty()) {
      fail(path, "expected an ISO-8601 timestamp such as \"2026-03-13T22:38:57.161Z\"", v);
    }
  }

  private void stringList(Map<String, Object> m, String key, int max, boolean required) {
    stringList(m, key, key, max, required);
  }

  private void stringList(Map<String, Object> m, String key, String path, int max, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) missing(path);
      return;
    }
    if (!(v instanceof List<?> list) || list.size() > max) {
      fail(path, "expected an array of at most " + max + " strings", v);
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String)) fail(path + "[" + i + "]", "expected a string", list.get(i));
    }
  }

  private void stringMap(Map<String, Object> m, String key, int maxPairs, int maxKey, int maxValue) {
    stringMap(m, key, key, maxPairs, maxKey, maxValue);
  }

  private void stringMap(Map<String, Object> m, String key, String path, int maxPairs, int maxKey, int maxValue) {
    Object v = m.get(key);
    if (v == null) return;
    if (!(v instanceof Map<?, ?> map)) {
      fail(path, "expected an object of string values", v);
      return;
    }
    if (map.size() > maxPairs) {
      problems.add(new Problem(path, "expected at most " + maxPairs + " entries but was " + map.size()));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (k.length() > maxKey) {
        problems.add(new Problem(path, "expected keys of at most " + maxKey + " characters but was "
            + Values.describe(k)));
      }
      if (!(e.getValue() instanceof String s)) {
        fail(path + "." + k, "expected a string", e.getValue());
      } else if (s.length() > maxValue) {
        fail(path + "." + k, "expected a string of at most " + maxValue + " characters", s);
      }
    }
  }

  private void integer(Map<String, Object> m, String key, int min, int max) {
    integer(m, key, key, min, max);
  }

  private void integer(Map<String, Object> m, String key, String path, int min, int max) {
    Object v = m.get(key);
    if (v == null) return;
    Double d = Values.number(v);
    if (d == null || d != Math.rint(d) || d < min || d > max) {
      fail(path, "expected an integer " + min + ".." + max, v);
    }
  }

  private void number(Map<String, Object> m, String key, String path, double min, double max) {
    Object v = m.get(key);
    if (v == null) return;
    Double d = Values.number(v);
    if (d == null || d.isNaN() || d < min || d > max) {
      fail(path, "expected a number " + Values.plain(min) + ".." + Values.plain(max), v);
    }
  }

  private void enumValue(Map<String, Object> m, String key, String path, List<String> allowed) {
    Object v = m.get(key);
    if (v == null) return;
    if (!(v instanceof String s) || !allowed.contains(s)) {
      fail(path, "expected one of " + allowed, v);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Map<String, Object> m, String key, String path) {
    Object v = m.get(key);
    if (v == null) return null;
    if (!(v instanceof Map<?, ?>)) {
      fail(path, "expected an object", v);
      return null;
    }
    return (Map<String, Object>) v;
  }

  private void missing(String path) {
    problems.add(new Problem(path, "required but missing"));
  }

  private void fail(String path, String expected, Object actual) {
    problems.add(Problem.expected(path, expected, actual));
  }
}

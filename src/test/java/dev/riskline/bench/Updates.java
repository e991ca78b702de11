package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.obj;

import java.time.Instant;
import java.util.Map;

/** Provider updates of exported findings, as the next import would carry them: a copy with a later UpdatedAt. */
final class Updates {
  private Updates() {}

  /**
   * A control finding whose resource now passes: severity INFORMATIONAL, workflow RESOLVED, and
   * {@code FirstObservedAt} moved to the change of compliance status ([UG-controls-findings-create-update]).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> passed(Map<String, Object> finding, Instant at) {
    Map<String, Object> f = touched(finding, at);
    f.put("FirstObservedAt", iso(at));
    f.put("Severity", obj("Label", "INFORMATIONAL", "Normalized", 0, "Original", "INFORMATIONAL"));
    ((Map<String, Object>) f.get("FindingProviderFields")).put("Severity",
        obj("Label", "INFORMATIONAL", "Original", "INFORMATIONAL"));
    Map<String, Object> compliance = (Map<String, Object>) f.get("Compliance");
    compliance.put("Status", "PASSED");
    compliance.remove("StatusReasons");
    Map<String, Object> fields = (Map<String, Object>) f.get("ProductFields");
    fields.put("PreviousComplianceStatus", "FAILED");
    fields.remove("aws/securityhub/annotation");
    f.put("Workflow", obj("Status", "RESOLVED"));
    return f;
  }

  /** An Inspector finding closed because the package was patched; Security Hub archives it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> closed(Map<String, Object> finding, Instant at) {
    Map<String, Object> f = touched(finding, at);
    ((Map<String, Object>) f.get("ProductFields")).put("aws/inspector/FindingStatus", "CLOSED");
    f.put("Workflow", obj("Status", "RESOLVED"));
    f.put("RecordState", "ARCHIVED");
    return f;
  }

  /** A GuardDuty finding seen again: more occurrences, a later last sighting. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> seenAgain(Map<String, Object> finding, Instant at, int moreOccurrences) {
    Map<String, Object> f = touched(finding, at);
    Map<String, Object> fields = (Map<String, Object>) f.get("ProductFields");
    int count = Integer.parseInt((String) fields.get("aws/guardduty/service/count"));
    fields.put("aws/guardduty/service/count", String.valueOf(count + moreOccurrences));
    fields.put("aws/guardduty/service/eventLastSeen", iso(at));
    return f;
  }

  private static Map<String, Object> touched(Map<String, Object> finding, Instant at) {
    Map<String, Object> f = Tree.copy(finding);
    f.put("LastObservedAt", iso(at));
    f.put("UpdatedAt", iso(at));
    f.put("ProcessedAt", iso(at.plusMillis(1_500)));
    return f;
  }
}

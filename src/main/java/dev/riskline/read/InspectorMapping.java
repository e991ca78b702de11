package dev.riskline.read;

import dev.riskline.finding.Asff;
import dev.riskline.finding.Asff.SeverityLabel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps one Amazon Inspector v2 finding to the ASFF finding that Security Hub shows for it. The input is an
 * element of {@code aws inspector2 list-findings} output (ISO timestamps), of the raw {@code ListFindings}
 * body (epoch seconds), or the {@code detail} of an {@code Inspector2 Finding} EventBridge event
 * ({@code "Wed Sep 04 16:59:44.356 UTC 2024"} timestamps).
 *
 * <p>Sources: the Inspector finding shape, [IN2-MODEL] {@code Finding} (reference §6.1); the event form,
 * [INS-eventbridge-integration] (§5.2); the ASFF side, the example finding of [INS-securityhub-integration]
 * (§1.12) and the field table of §6.3. Documented there: Id, ProductArn, ProductName, CompanyName,
 * GeneratorId, PACKAGE_VULNERABILITY Types, Severity.Label, the {@code aws/inspector/*} product fields, the
 * EC2 resource, Vulnerabilities from {@code packageVulnerabilityDetails}, and CLOSED findings archived.
 * INFERRED (reference §6.3 and §8 item 12): CreatedAt = firstObservedAt and UpdatedAt = updatedAt (else
 * lastObservedAt); UNTRIAGED shown as INFORMATIONAL; SUPPRESSED as Workflow.Status SUPPRESSED; the Types of
 * NETWORK_REACHABILITY and CODE_VULNERABILITY findings; ExploitAvailable, EpssScore and LastKnownExploitAt;
 * the adjusted Inspector score as an extra Cvss entry; resources other than EC2 instances. Fields ASFF has
 * no place for are dropped. Vulnerabilities, Network and GeneratorDetails: {@link InspectorDetails};
 * Resources: {@link InspectorResources}. Thread-safe: no state.
 */
final class InspectorMapping {
  static final String PRODUCT_NAME = "Inspector";
  static final String COMPANY_NAME = "Amazon";
  private static final List<String> FINDING_TYPES =
      List.of("NETWORK_REACHABILITY", "PACKAGE_VULNERABILITY", "CODE_VULNERABILITY");
  private static final Map<String, String> ASFF_TYPES = Map.of(
      "PACKAGE_VULNERABILITY", "Software and Configuration Checks/Vulnerabilities/CVE",
      "NETWORK_REACHABILITY", "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
      "CODE_VULNERABILITY", "Software and Configuration Checks/Vulnerabilities/CWE");
  private static final List<String> SEVERITIES =
      List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL", "UNTRIAGED");
  private static final List<String> STATUSES = List.of("ACTIVE", "SUPPRESSED", "CLOSED");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private InspectorMapping() {}

  /** What the finding says, read and checked before anything is built. */
  private record Read(String arn, String partition, String region, String account, String type,
      String severity, String status, Instant first, Instant last, Instant updated, String title,
      String description, Map<String, Object> recommendation, Number score, InspectorResources.Mapped resources,
      InspectorDetails.Mapped details) {}

  /**
   * The ASFF finding for this Inspector finding, a new tree in ASFF field order.
   *
   * @throws BadRecord with every problem when a required field is missing or a field has the wrong type
   */
  static Map<String, Object> toAsff(Map<String, Object> inspector) {
    return build(read(Fields.of(inspector)));
  }

  private static Read read(Fields in) {
    String arn = in.required("findingArn");
    String account = account(in);
    String type = in.oneOf("type", FINDING_TYPES, true);
    String severity = in.oneOf("severity", SEVERITIES, true);
    String status = in.oneOf("status", STATUSES, true);
    Instant first = in.time("firstObservedAt", true);
    Instant last = in.time("lastObservedAt", true);
    Instant updated = in.time("updatedAt", false);
    String description = in.required("description");
    String title = in.text("title");
    String partition = arnPart(arn, 1, "aws");
    String region = region(in, arn);
    InspectorResources.Mapped resources = InspectorResources.map(in, partition, region, account);
    InspectorDetails.Mapped details = InspectorDetails.map(in, type);
    if (title == null) title = details.vulnerabilityId();
    if (title == null && (in.raw("title") == null || in.raw("title") instanceof String)) in.missing("title");
    Map<String, Object> recommendation = recommendation(in.object("remediation").object("recommendation"));
    Number score = in.number("inspectorScore", 0, 10);
    in.throwIfAny();
    return new Read(arn, partition, region, account, type, severity, status, first, last, updated, title,
        description, recommendation, score, resources, details);
  }

  private static Map<String, Object> build(Read r) {
    String productArn = "arn:" + r.partition() + ":securityhub:" + r.region() + "::product/aws/inspector";
    List<String> types = List.of(ASFF_TYPES.get(r.type()));
    String label = "UNTRIAGED".equals(r.severity()) ? "INFORMATIONAL" : r.severity();
    Map<String, Object> f = Tree.object();
    f.put("SchemaVersion", Asff.SCHEMA_VERSION);
    f.put("Id", r.arn());
    f.put("ProductArn", productArn);
    f.put("ProductName", PRODUCT_NAME);
    f.put("CompanyName", COMPANY_NAME);
    f.put("Region", r.region());
    f.put("GeneratorId", "AWSInspector");
    f.put("AwsAccountId", r.account());
    f.put("Types", types);
    Tree.putTime(f, "FirstObservedAt", r.first());
    Tree.putTime(f, "LastObservedAt", r.last());
    Tree.putTime(f, "CreatedAt", r.first());
    Tree.putTime(f, "UpdatedAt", r.updated() != null ? r.updated() : r.last());
    f.put("Severity", severity(label, r.severity()));
    f.put("Title", Tree.cut(r.title(), 256));
    f.put("Description", Tree.cut(r.description(), 1024));
    if (!r.recommendation().isEmpty()) f.put("Remediation", Map.of("Recommendation", r.recommendation()));
    f.put("ProductFields", productFields(r, productArn));
    Tree.put(f, "Network", r.details().network());
    Tree.put(f, "NetworkPath", r.details().networkPath());
    f.put("Resources", r.resources().resources());
    f.put("Workflow", Map.of("Status", workflowStatus(r.status())));
    f.put("RecordState", "CLOSED".equals(r.status()) ? "ARCHIVED" : "ACTIVE");
    Tree.put(f, "Vulnerabilities", r.details().vulnerabilities());
    f.put("FindingProviderFields", providerFields(label, r.severity(), types));
    Tree.put(f, "GeneratorDetails", r.details().generatorDetails());
    return f;
  }

  private static String workflowStatus(String status) {
    return switch (status) {
      case "CLOSED" -> "RESOLVED";
      case "SUPPRESSED" -> "SUPPRESSED";
      default -> "NEW";
    };
  }

  /** The product fields of the documented example, in its order. */
  private static Map<String, String> productFields(Read r, String productArn) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("aws/inspector/FindingStatus", r.status());
    if (r.score() != null) p.put("aws/inspector/inspectorScore", Fields.decimal(r.score()));
    p.putAll(r.resources().platforms());
    p.put("aws/inspector/ProductVersion", "2");
    if (r.resources().instanceId() != null) p.put("aws/inspector/instanceId", r.resources().instanceId());
    p.put("aws/securityhub/FindingId", productArn + "/" + r.arn());
    p.put("aws/securityhub/ProductName", PRODUCT_NAME);
    p.put("aws/securityhub/CompanyName", COMPANY_NAME);
    return p;
  }

  private static Map<String, Object> providerFields(String label, String original, List<String> types) {
    Map<String, Object> severity = Tree.object();
    severity.put("Label", label);
    severity.put("Original", original);
    Map<String, Object> fpf = Tree.object();
    fpf.put("Severity", severity);
    fpf.put("Types", types);
    return fpf;
  }

  private static Map<String, Object> severity(String label, String original) {
    Map<String, Object> severity = Tree.object();
    severity.put("Label", label);
    severity.put("Normalized", SeverityLabel.valueOf(label).normalized());
    severity.put("Original", original);
    return severity;
  }

  private static String account(Fields in) {
    String account = in.required("awsAccountId");
    if (account != null && !ACCOUNT.matcher(account).matches()) {
      in.fail("awsAccountId", "expected 12 digits", account);
      return null;
    }
    return account;
  }

  /** The region of the finding ARN, else of the first resource. */
  private static String region(Fields in, String arn) {
    String region = arnPart(arn, 3, null);
    if (region != null) return region;
    List<?> resources = in.raw("resources") instanceof List<?> l ? l : List.of();
    if (!resources.isEmpty() && resources.get(0) instanceof Map<?, ?> m && m.get("region") instanceof String s
        && !s.isBlank()) {
      return s;
    }
    if (arn != null) in.fail("findingArn", "expected an ARN with a region, or a region in resources[0].region,", arn);
    return null;
  }

  /** Part {@code index} of an ARN ({@code arn:partition:service:region:account:resource}), or the fallback. */
  static String arnPart(String arn, int index, String fallback) {
    if (arn == null || !arn.startsWith("arn:")) return fallback;
    String[] parts = arn.split(":", 6);
    return parts.length > index && !parts[index].isEmpty() ? parts[index] : fallback;
  }

  /** {@code Remediation.Recommendation}: Text (cut to ASFF's 512 characters) and Url ({@code Url} in the model). */
  private static Map<String, Object> recommendation(Fields rec) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "Text", Tree.cut(rec.string("text"), 512));
    Tree.put(out, "Url", rec.has("Url") ? rec.string("Url") : rec.string("url"));
    return out;
  }
}

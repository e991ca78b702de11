package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.listOf;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.ControlCatalog.Control;
import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Fleet.Scope;
import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.SeverityLabel;
import java.util.List;
import java.util.Map;

/**
 * Security Hub control findings in the consolidated control findings format ([UG-controls-findings-create-update]):
 * one finding per control and resource, {@code GeneratorId} {@code security-control/<ControlId>}, compliance
 * status, associated standards and related requirements. Not thread-safe.
 */
final class ControlFindings {
  static final String TYPE = "Software and Configuration Checks/Industry and Regulatory Standards";

  private final Fleet fleet;
  private final Rand rand;
  private final Resources resources;

  ControlFindings(Fleet fleet, Resources resources) {
    this.fleet = fleet;
    this.rand = fleet.rand();
    this.resources = resources;
  }

  static String productArn(String region) {
    return "arn:aws:securityhub:" + region + "::product/aws/securityhub";
  }

  /** A control finding of a control drawn from the catalog, mostly FAILED. */
  Map<String, Object> next() {
    ComplianceStatus status = switch (rand.weighted(64, 29, 3, 4)) {
      case 0 -> ComplianceStatus.FAILED;
      case 1 -> ComplianceStatus.PASSED;
      case 2 -> ComplianceStatus.WARNING;
      default -> ComplianceStatus.NOT_AVAILABLE;
    };
    return of(rand.pick(ControlCatalog.CONTROLS), status, fleet.scope());
  }

  /** A finding of this control in this scope with this compliance status. */
  Map<String, Object> of(Control c, ComplianceStatus status, Scope s) {
    boolean failed = status == ComplianceStatus.FAILED;
    Map<String, Object> resource = resources.forControl(c.resourceType(), s, c.id(), failed);
    String id = "arn:aws:securityhub:" + s.region() + ":" + s.accountId() + ":security-control/" + c.id()
        + "/finding/" + rand.uuid();
    String productArn = productArn(s.region());
    SeverityLabel label = status == ComplianceStatus.PASSED ? SeverityLabel.INFORMATIONAL : c.severity();
    Observed seen = fleet.observed();
    Map<String, Object> f = new Header(id, productArn, "Security Hub", "AWS", "security-control/" + c.id())
        .start(s, TYPE, seen);
    f.putAll(obj(
        "Severity", obj("Label", label.name(), "Normalized", label.normalized(), "Original", label.name()),
        "Title", c.title(),
        "Description", c.description(),
        "Remediation", obj("Recommendation", obj(
            "Text", "For information on how to correct this issue, consult the AWS Security Hub controls"
                + " documentation.",
            "Url", remediationUrl(c))),
        "ProductFields", productFields(c, status, productArn, id, (String) resource.get("Id")),
        "Resources", list(resource),
        "Compliance", compliance(c, status),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", workflow(status)),
        "RecordState", status == ComplianceStatus.NOT_AVAILABLE ? "ARCHIVED" : "ACTIVE",
        "FindingProviderFields", obj("Severity", obj("Label", label.name(), "Original", label.name()),
            "Types", list(TYPE)),
        "ProcessedAt", iso(seen.processed())));
    return f;
  }

  static String remediationUrl(Control c) {
    return "https://docs.aws.amazon.com/console/securityhub/" + c.id() + "/remediation";
  }

  private Map<String, Object> productFields(Control c, ComplianceStatus status, String productArn, String id,
      String resourceId) {
    Map<String, Object> pf = obj(
        "RelatedAWSResources:0/name", c.configRule() == null ? null
            : "securityhub-" + c.configRule() + "-" + rand.hex(8),
        "RelatedAWSResources:0/type", c.configRule() == null ? null : "AWS::Config::ConfigRule",
        "aws/securityhub/ProductName", "Security Hub",
        "aws/securityhub/CompanyName", "AWS",
        "aws/securityhub/annotation", annotation(c, status),
        "PreviousComplianceStatus", rand.chance(0.15) ? rand.pick("PASSED", "FAILED", "NOT_AVAILABLE") : null,
        "Resources:0/Id", resourceId,
        "ControlId", c.id(),
        "RecommendationUrl", remediationUrl(c),
        "aws/securityhub/FindingId", productArn + "/" + id);
    return pf;
  }

  private String annotation(Control c, ComplianceStatus status) {
    if (status == ComplianceStatus.PASSED) return null;
    if (status == ComplianceStatus.NOT_AVAILABLE) return "The evaluated resource is not applicable to this control.";
    if (c.resourceType().equals("AwsAccount") && rand.chance(0.5)) {
      return "Unable to find a compliant configuration in Region " + rand.pick(Fleet.REGIONS) + ".";
    }
    return null;
  }

  private Map<String, Object> compliance(Control c, ComplianceStatus status) {
    List<Object> standards = listOf(c.standards().stream().map(id -> (Object) obj("StandardsId", id)).toList());
    List<String> reqs = c.relatedRequirements();
    return obj(
        "Status", status.name(),
        "RelatedRequirements", reqs.isEmpty() ? null : listOf(reqs),
        "SecurityControlId", c.id(),
        "AssociatedStandards", standards,
        "StatusReasons", statusReasons(status));
  }

  private static List<Object> statusReasons(ComplianceStatus status) {
    return switch (status) {
      case NOT_AVAILABLE -> list(obj("ReasonCode", "CONFIG_RETURNS_NOT_APPLICABLE", "Description",
          "This finding has a compliance status of NOT AVAILABLE because AWS Config sent Security Hub a finding with"
              + " a status of Not Applicable."));
      case WARNING -> list(obj("ReasonCode", "CONFIG_EVALUATIONS_EMPTY", "Description",
          "AWS Config evaluated your resources based on the rule. Rule did not apply to the AWS resources in its"
              + " scope, the specified resources were deleted, or the evaluation results were deleted."));
      default -> null;
    };
  }

  private String workflow(ComplianceStatus status) {
    if (status == ComplianceStatus.PASSED) return "RESOLVED";
    return switch (rand.weighted(82, 12, 6)) {
      case 0 -> "NEW";
      case 1 -> "NOTIFIED";
      default -> "SUPPRESSED";
    };
  }
}

package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Scope;
import dev.riskline.finding.Asff.SeverityLabel;
import java.util.Map;

/**
 * The long tail of a Security Hub export: IAM Access Analyzer external access findings, Amazon Macie sensitive
 * data and policy findings, and findings a team imports from its own scanner (a custom product). Not thread-safe.
 */
final class OtherFindings {
  private final Fleet fleet;
  private final Rand rand;
  private final Resources resources;

  OtherFindings(Fleet fleet, Resources resources) {
    this.fleet = fleet;
    this.rand = fleet.rand();
    this.resources = resources;
  }

  Map<String, Object> next() {
    Scope s = fleet.scope();
    return switch (rand.weighted(4, 3, 3)) {
      case 0 -> accessAnalyzer(s);
      case 1 -> macie(s);
      default -> custom(s);
    };
  }

  private static Map<String, Object> severity(SeverityLabel label) {
    return obj("Label", label.name(), "Normalized", label.normalized());
  }

  Map<String, Object> accessAnalyzer(Scope s) {
    boolean bucket = rand.chance(0.6);
    Map<String, Object> resource = bucket ? resources.s3Bucket(s, fleet.bucketName(s))
        : resources.iamRole(s, fleet.roleName(s));
    String arn = (String) resource.get("Id");
    boolean isPublic = bucket && rand.chance(0.3);
    String external = rand.pick("111122223333", "444455556666", "777788889999");
    String type = "Software and Configuration Checks/AWS Security Best Practices/External Access Granted";
    String analyzer = "arn:aws:access-analyzer:" + s.region() + ":" + s.accountId() + ":analyzer/ConsoleAnalyzer-"
        + ThreatFindings.detectorId(s.accountId()).substring(0, 8);
    String id = analyzer + "/" + arn + "/" + rand.uuid();
    Map<String, Object> f = new Header(id, "arn:aws:securityhub:" + s.region() + "::product/aws/access-analyzer",
        "IAM Access Analyzer", "AWS", "aws/access-analyzer").start(s, type, fleet.observed());
    String resourceType = bucket ? "AWS::S3::Bucket" : "AWS::IAM::Role";
    f.putAll(obj(
        "Severity", severity(isPublic ? SeverityLabel.HIGH : SeverityLabel.LOW),
        "Title", resource.get("Type") + "/" + arn + "/ allows " + (isPublic ? "public access" : "cross-account access"),
        "Description", resourceType + "/" + arn + "/ allows " + (isPublic ? "public access"
            : "cross-account access from AWS " + external),
        "Remediation", obj("Recommendation", obj("Text", "If the access isn't intended, it indicates a potential"
            + " security risk. Use the console for the resource to modify or remove the policy that grants the"
            + " unintended access. You can use the Rescan button on the Finding details page in the Access Analyzer"
            + " console to confirm whether the change removed the access. If the access is intended, you can create"
            + " an archive rule to archive similar findings in the future.",
            "Url", "https://console.aws.amazon.com/access-analyzer/home?region=" + s.region() + "#/findings")),
        "ProductFields", obj("ExternalPrincipal/AWS", isPublic ? "*" : external,
            "Action/0", bucket ? "s3:GetObject" : "sts:AssumeRole", "ResourceOwnerAccount", s.accountId(),
            "IsPublic", String.valueOf(isPublic), "Shared Via", bucket ? "Bucket policy" : "Trust policy",
            "aws/securityhub/FindingId", "arn:aws:securityhub:" + s.region() + "::product/aws/access-analyzer/" + id,
            "aws/securityhub/ProductName", "IAM Access Analyzer", "aws/securityhub/CompanyName", "AWS"),
        "Resources", list(resource),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", "NEW"),
        "RecordState", "ACTIVE",
        "FindingProviderFields", obj("Severity", obj("Label", isPublic ? "HIGH" : "LOW"), "Types", list(type))));
    return f;
  }

  Map<String, Object> macie(Scope s) {
    String bucket = fleet.bucketName(s);
    int kind = rand.weighted(5, 3, 2);
    String type = switch (kind) {
      case 0 -> "Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal";
      case 1 -> "Sensitive Data Identifications/Security/SensitiveData:S3Object-Credentials";
      default -> "Effects/Data Exposure/Policy:IAMUser-S3BucketPublic";
    };
    String title = switch (kind) {
      case 0 -> "The S3 object contains personal information.";
      case 1 -> "The S3 object contains credentials data.";
      default -> "The S3 bucket is publicly accessible.";
    };
    SeverityLabel label = kind == 0 ? SeverityLabel.MEDIUM : SeverityLabel.HIGH;
    String key = rand.pick("exports/customers-", "uploads/kyc/scan-", "backups/db-dump-", "config/.env-")
        + rand.hex(8) + rand.pick(".csv", ".json", ".pdf", ".txt");
    String findingId = rand.hex(32);
    String id = "arn:aws:macie2:" + s.region() + ":" + s.accountId() + ":finding/" + findingId;
    String productArn = "arn:aws:securityhub:" + s.region() + "::product/aws/macie";
    Map<String, Object> f = new Header(id, productArn, "Macie", "Amazon", "aws/macie").start(s, type, fleet.observed());
    Map<String, Object> object = obj("Type", "AwsS3Object", "Id", "arn:aws:s3:::" + bucket + "/" + key,
        "Partition", "aws", "Region", s.region(), "Details", obj("AwsS3Object", obj("ContentType",
            key.endsWith(".csv") ? "text/csv" : "application/octet-stream", "ETag", rand.hex(32),
            "LastModified", iso(fleet.base().minusSeconds(rand.between(86_400, 86_400 * 120))),
            "ServerSideEncryption", "AES256")));
    f.putAll(obj(
        "Severity", severity(label),
        "Title", title,
        "Description", kind == 2 ? "The S3 bucket " + bucket + " is publicly accessible through its bucket policy."
            : "The object " + key + " in bucket " + bucket + " contains " + (kind == 0
                ? "names, addresses and passport numbers." : "AWS secret access keys and private keys."),
        "SourceUrl", "https://" + s.region() + ".console.aws.amazon.com/macie/home?region=" + s.region()
            + "#findings?search=id%3D" + findingId,
        "ProductFields", obj("S3Object.Path", bucket + "/" + key, "JobId", rand.hex(32),
            "OccurrenceCount", String.valueOf(rand.between(1, 900)),
            "aws/securityhub/FindingId", productArn + "/" + id, "aws/securityhub/ProductName", "Macie",
            "aws/securityhub/CompanyName", "Amazon"),
        "Resources", kind == 2 ? list(resources.s3Bucket(s, bucket))
            : list(resources.s3Bucket(s, bucket), object),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", rand.chance(0.2) ? "NOTIFIED" : "NEW"),
        "RecordState", "ACTIVE",
        "FindingProviderFields", obj("Severity", obj("Label", label.name()), "Types", list(type))));
    return f;
  }

  Map<String, Object> custom(Scope s) {
    String rule = rand.pick("aws-access-key", "private-key", "slack-webhook", "github-token", "db-password");
    String repo = s.account().app() + "-" + rand.pick("service", "infra", "frontend", "jobs");
    String path = rand.pick("src/main/resources/application.yml", "deploy/values.yaml", "scripts/bootstrap.sh",
        "terraform/main.tf", ".github/workflows/release.yml");
    String productArn = "arn:aws:securityhub:" + s.region() + ":" + s.accountId() + ":product/" + s.accountId()
        + "/default";
    String id = "secret-scan/" + repo + "/" + rand.hex(16);
    String type = "Sensitive Data Identifications/Passwords/Hardcoded Secret";
    Map<String, Object> f = new Header(id, productArn, "Default", "Personal", "secret-scanner/" + rule)
        .start(s, type, fleet.observed());
    SeverityLabel label = rule.equals("aws-access-key") || rule.equals("private-key") ? SeverityLabel.CRITICAL
        : SeverityLabel.HIGH;
    f.putAll(obj(
        "Severity", severity(label),
        "Title", "Hard-coded secret (" + rule + ") in " + repo,
        "Description", "The secret scanner found a credential matching rule " + rule + " in " + path
            + " of repository " + repo + ". Rotate the credential and remove it from the repository history.",
        "Remediation", obj("Recommendation", obj("Text", "Revoke and rotate the credential, then move it to AWS"
            + " Secrets Manager.", "Url", "https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html")),
        "ProductFields", obj("scanner/version", "3.4." + rand.between(0, 9), "scanner/commit", rand.hex(40),
            "scanner/path", path, "aws/securityhub/FindingId", productArn + "/" + id,
            "aws/securityhub/ProductName", "Default", "aws/securityhub/CompanyName", "Personal"),
        "Resources", list(obj("Type", "Other", "Id", "https://git.acme.example/" + s.account().app() + "/" + repo,
            "Partition", "aws", "Region", s.region(), "Tags", fleet.tags(s, repo),
            "Details", obj("Other", obj("Repository", repo, "Path", path,
                "Line", String.valueOf(rand.between(3, 240)))))),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", "NEW"),
        "RecordState", "ACTIVE",
        "FindingProviderFields", obj("Severity", obj("Label", label.name()), "Types", list(type))));
    return f;
  }
}

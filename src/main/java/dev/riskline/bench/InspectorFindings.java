package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.listOf;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Fleet.Scope;
import dev.riskline.bench.Vuln.Package;
import dev.riskline.bench.Vuln.Score;
import dev.riskline.finding.Asff.SeverityLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon Inspector package vulnerability findings as Security Hub shows them ([INS-securityhub-integration],
 * reference §1.12 and §6.3). Scans produce several findings per target, dozens for a container image, so
 * consecutive findings share a target until its batch is used up. Not thread-safe.
 */
final class InspectorFindings {
  static final String TYPE = "Software and Configuration Checks/Vulnerabilities/CVE";
  private static final String FIX_TEXT = "Remediation is available. Please refer to the Fixed version in the"
      + " vulnerability details section above. For detailed remediation guidance for each of the affected packages,"
      + " refer to the vulnerabilities section of the detailed finding JSON.";

  private final Fleet fleet;
  private final Rand rand;
  private final Vulns vulns;
  private final Set<String> taken = new HashSet<>();
  private Target current;
  private int remaining;

  InspectorFindings(Fleet fleet) {
    this.fleet = fleet;
    this.rand = fleet.rand();
    this.vulns = new Vulns(fleet);
  }

  static String productArn(String region) {
    return "arn:aws:securityhub:" + region + "::product/aws/inspector";
  }

  Vulns vulns() {
    return vulns;
  }

  /** The next finding, on the current target while its batch lasts. */
  Map<String, Object> next() {
    if (remaining <= 0) {
      current = target(rand.pick("AWS_EC2_INSTANCE", "AWS_EC2_INSTANCE", "AWS_ECR_CONTAINER_IMAGE",
          "AWS_ECR_CONTAINER_IMAGE", "AWS_LAMBDA_FUNCTION"), fleet.scope());
      remaining = batch(current);
      taken.clear();
    }
    remaining--;
    Observed seen = fleet.observed();
    Vuln v = vulns.next(current, seen.first(), taken);
    taken.add(v.id());
    return asff(current, v, status(), seen);
  }

  private int batch(Target t) {
    if (t.ecr()) return rand.chance(0.25) ? rand.between(12, 45) : rand.between(2, 10);
    if (t.ec2()) return rand.between(1, 8);
    return rand.between(1, 4);
  }

  private String status() {
    return switch (rand.weighted(88, 9, 3)) {
      case 0 -> "ACTIVE";
      case 1 -> "CLOSED";
      default -> "SUPPRESSED";
    };
  }

  /** A new target of the given Inspector resource type. */
  Target target(String type, Scope s) {
    return switch (type) {
      case "AWS_EC2_INSTANCE" -> ec2Target(s);
      case "AWS_ECR_CONTAINER_IMAGE" -> ecrTarget(s);
      case "AWS_LAMBDA_FUNCTION" -> lambdaTarget(s);
      default -> throw new IllegalArgumentException("Expected one of [AWS_EC2_INSTANCE, AWS_ECR_CONTAINER_IMAGE,"
          + " AWS_LAMBDA_FUNCTION] but was " + type);
    };
  }

  private Target ec2Target(Scope s) {
    int p = rand.weighted(35, 35, 30);
    return ec2Target(s, List.of("AMAZON_LINUX_2", "AMAZON_LINUX_2023", "UBUNTU_22_04").get(p),
        rand.chance(0.2) ? "JAR" : null);
  }

  /** An EC2 instance on this platform, with application packages of this manager or none. */
  Target ec2Target(Scope s, String platform, String appManager) {
    String family = switch (platform) {
      case "AMAZON_LINUX_2" -> "AL2";
      case "AMAZON_LINUX_2023" -> "AL2023";
      default -> "UBUNTU";
    };
    String id = fleet.instanceId();
    String name = fleet.appComponent(s);
    return new Target("AWS_EC2_INSTANCE", s, id, Compute.ec2(fleet, s, id, name), platform, family,
        appManager, name);
  }

  private Target ecrTarget(Scope s) {
    int p = rand.weighted(45, 25, 30);
    return ecrTarget(s, List.of("DEBIAN_12", "ALPINE_3_18", "AMAZON_LINUX_2023").get(p),
        rand.pick("JAR", "NODEPKG", "PYTHONPKG", "GOBINARY"));
  }

  /** A container image on this base platform with application packages of this manager. */
  Target ecrTarget(Scope s, String platform, String appManager) {
    String family = switch (platform) {
      case "DEBIAN_12" -> "DEBIAN";
      case "ALPINE_3_18" -> "ALPINE";
      default -> "AL2023";
    };
    String component = fleet.appComponent(s);
    String repository = s.account().app() + "/" + component;
    String digest = "sha256:" + rand.hex(64);
    String tag = "v" + rand.between(1, 4) + "." + rand.between(0, 60) + "." + rand.between(0, 12);
    Instant pushed = rand.before(fleet.base().minus(Fleet.WINDOW), Duration.ofDays(200));
    Map<String, Object> resource = Compute.ecrImage(fleet, s, repository, digest,
        rand.chance(0.4) ? list(tag, "latest") : list(tag), iso(pushed));
    return new Target("AWS_ECR_CONTAINER_IMAGE", s, (String) resource.get("Id"), resource, platform, family,
        appManager, component);
  }

  private Target lambdaTarget(Scope s) {
    return lambdaTarget(s, rand.chance(0.15) ? rand.pick(Compute.DEPRECATED_RUNTIMES) : rand.pick(Compute.RUNTIMES));
  }

  /** A Lambda function on this runtime. */
  Target lambdaTarget(Scope s, String runtime) {
    String name = fleet.appComponent(s) + "-" + rand.pick("handler", "processor", "authorizer", "sync");
    String manager = runtime.startsWith("nodejs") ? "NODEPKG" : runtime.startsWith("python") ? "PYTHONPKG" : "JAR";
    return new Target("AWS_LAMBDA_FUNCTION", s, Compute.lambdaArn(s, name),
        Compute.lambda(fleet, s, name, runtime), runtime, null, manager, name);
  }

  /** The ASFF finding of this vulnerability on this target. */
  Map<String, Object> asff(Target t, Vuln v, String status, Observed seen) {
    Scope s = t.scope();
    String id = "arn:aws:inspector2:" + s.region() + ":" + s.accountId() + ":finding/" + rand.hex(32);
    String productArn = productArn(s.region());
    SeverityLabel label = v.severity();
    boolean closed = status.equals("CLOSED");
    Map<String, Object> f = new Header(id, productArn, "Inspector", "Amazon", "AWSInspector").start(s, TYPE, seen);
    f.putAll(obj(
        "Severity", obj("Label", label.name(), "Normalized", label.normalized()),
        "Title", v.title(),
        "Description", v.description(),
        "Remediation", obj("Recommendation", obj("Text", v.fixAvailable().equals("NO") ? "None Provided" : FIX_TEXT)),
        "ProductFields", productFields(t, v, status, productArn, id),
        "Resources", list(Tree.copy(t.resource())),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", closed ? "RESOLVED" : status.equals("SUPPRESSED") ? "SUPPRESSED"
            : rand.chance(0.1) ? "NOTIFIED" : "NEW"),
        "RecordState", closed ? "ARCHIVED" : "ACTIVE",
        "Vulnerabilities", list(vulnerability(v)),
        "FindingProviderFields", obj("Severity", obj("Label", label.name()), "Types", list(TYPE)),
        "ProcessedAt", iso(seen.processed())));
    return f;
  }

  private Map<String, Object> productFields(Target t, Vuln v, String status, String productArn, String id) {
    String detailsKey = t.ec2() ? "awsEc2InstanceDetails" : t.ecr() ? "awsEcrContainerImageDetails"
        : "awsLambdaFunctionDetails";
    return obj(
        "aws/inspector/FindingStatus", status,
        "aws/inspector/inspectorScore", String.valueOf(v.inspectorScore()),
        "aws/inspector/resources/1/resourceDetails/" + detailsKey + "/platform", t.platform(),
        "aws/inspector/ProductVersion", "2",
        "aws/inspector/instanceId", t.ec2() ? t.nativeId() : null,
        "aws/inspector/packageVulnerabilityDetails/vulnerablePackages/1/sourceLayerHash",
        v.packages().get(0).sourceLayerHash(),
        "aws/securityhub/FindingId", productArn + "/" + id,
        "aws/securityhub/ProductName", "Inspector",
        "aws/securityhub/CompanyName", "Amazon");
  }

  private static Map<String, Object> vulnerability(Vuln v) {
    List<Object> packages = listOf(v.packages().stream().map(InspectorFindings::pkg).toList());
    List<Object> cvss = listOf(v.cvss().stream().map(InspectorFindings::score).toList());
    return obj(
        "Id", v.id(),
        "VulnerablePackages", packages,
        "Cvss", cvss,
        "RelatedVulnerabilities", v.relatedVulnerabilities().isEmpty() ? null : listOf(v.relatedVulnerabilities()),
        "Vendor", obj("Name", v.source(), "Url", v.sourceUrl(), "VendorSeverity", v.vendorSeverity(),
            "VendorCreatedAt", iso(v.vendorCreatedAt()), "VendorUpdatedAt", iso(v.vendorUpdatedAt())),
        "ReferenceUrls", listOf(v.referenceUrls()),
        "FixAvailable", v.fixAvailable(),
        "EpssScore", v.epss(),
        "ExploitAvailable", v.exploitAvailable() ? "YES" : "NO",
        "LastKnownExploitAt", v.lastKnownExploitAt() == null ? null : iso(v.lastKnownExploitAt()));
  }

  private static Object pkg(Package p) {
    return obj("Name", p.name(), "Version", p.version(), "Epoch", p.epoch(), "Release", p.release(),
        "Architecture", p.arch(), "PackageManager", p.packageManager(), "FilePath", p.filePath(),
        "FixedInVersion", p.fixedInVersion(), "Remediation", p.remediation(), "SourceLayerHash", p.sourceLayerHash());
  }

  private static Object score(Score c) {
    return obj("Version", c.version(), "BaseScore", c.baseScore(), "BaseVector", c.vector(), "Source", c.source());
  }
}

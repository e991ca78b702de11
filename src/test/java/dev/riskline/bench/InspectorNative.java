package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.listOf;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Vuln.Package;
import dev.riskline.bench.Vuln.Score;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Amazon Inspector v2 findings in Inspector's own shape (reference §6.1, and the event detail of §5.2), made from
 * the same targets and vulnerabilities as the generator's ASFF ones. Keys in alphabetical order, as Inspector
 * prints them.
 */
final class InspectorNative {
  /** How timestamps are written: as {@code aws inspector2 list-findings} prints them, or in EventBridge events. */
  enum Style {
    CLI(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.US)),
    EVENT(DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSS 'UTC' yyyy", Locale.US));

    private final DateTimeFormatter format;

    Style(DateTimeFormatter format) {
      this.format = format.withZone(ZoneOffset.UTC);
    }

    String time(Instant t) {
      return format.format(t);
    }
  }

  private InspectorNative() {}

  static String findingArn(Target t, Rand rand) {
    return "arn:aws:inspector2:" + t.scope().region() + ":" + t.scope().accountId() + ":finding/" + rand.hex(32);
  }

  /** A {@code PACKAGE_VULNERABILITY} finding. */
  static Map<String, Object> packageFinding(Target t, Vuln v, String arn, String status, Observed seen, Style style) {
    Score score = v.cvss().stream().filter(c -> c.version().equals("3.1")).findFirst().orElseThrow();
    Map<String, Object> f = obj(
        "awsAccountId", t.scope().accountId(),
        "description", v.description(),
        "epss", obj("score", v.epss()),
        "exploitAvailable", v.exploitAvailable() ? "YES" : "NO",
        "exploitabilityDetails", v.lastKnownExploitAt() == null ? null
            : obj("lastKnownExploitAt", style.time(v.lastKnownExploitAt())),
        "findingArn", arn,
        "firstObservedAt", style.time(seen.first()),
        "fixAvailable", v.fixAvailable(),
        "inspectorScore", v.inspectorScore(),
        "inspectorScoreDetails", obj("adjustedCvss", obj("adjustments", list(), "cvssSource", score.source(),
            "score", score.baseScore(), "scoreSource", score.source(), "scoringVector", score.vector(),
            "version", "3.1")),
        "lastObservedAt", style.time(seen.last()),
        "packageVulnerabilityDetails", details(v, style),
        "remediation", obj("recommendation", obj("text", "None Provided")),
        "resources", list(resource(t, style)),
        "severity", v.severity().name(),
        "status", status,
        "title", v.title(),
        "type", "PACKAGE_VULNERABILITY",
        "updatedAt", style.time(seen.processed()));
    return f;
  }

  private static Map<String, Object> details(Vuln v, Style style) {
    List<Object> cvss = listOf(v.cvss().stream().map(c -> (Object) obj("baseScore", c.baseScore(),
        "scoringVector", c.vector(), "source", c.source(), "version", c.version())).toList());
    List<Object> packages = listOf(v.packages().stream().map(InspectorNative::pkg).toList());
    return obj(
        "cvss", cvss,
        "referenceUrls", listOf(v.referenceUrls()),
        "relatedVulnerabilities", listOf(v.relatedVulnerabilities()),
        "source", v.source(),
        "sourceUrl", v.sourceUrl(),
        "vendorCreatedAt", style.time(v.vendorCreatedAt()),
        "vendorSeverity", v.vendorSeverity(),
        "vendorUpdatedAt", style.time(v.vendorUpdatedAt()),
        "vulnerabilityId", v.id(),
        "vulnerablePackages", packages);
  }

  private static Object pkg(Package p) {
    return obj("arch", p.arch(), "epoch", p.epoch() == null ? null : Integer.valueOf(p.epoch()),
        "filePath", p.filePath(), "fixedInVersion", p.fixedInVersion() == null ? "NotAvailable" : p.fixedInVersion(),
        "name", p.name(), "packageManager", p.packageManager(), "release", p.release(), "remediation", p.remediation(),
        "sourceLayerHash", p.sourceLayerHash(), "version", p.version());
  }

  /** A {@code NETWORK_REACHABILITY} finding: a port of an EC2 target open to an internet gateway. */
  static Map<String, Object> reachability(Target t, int port, String severity, String arn, String status,
      Observed seen, Style style, Rand rand) {
    String igw = "igw-0" + rand.hex(16);
    String eni = "eni-0" + rand.hex(16);
    List<Object> steps = new ArrayList<>(List.of(
        obj("componentId", igw, "componentType", "AWS::EC2::InternetGateway"),
        obj("componentId", "acl-0" + rand.hex(16), "componentType", "AWS::EC2::NetworkAcl"),
        obj("componentId", "sg-0" + rand.hex(16), "componentType", "AWS::EC2::SecurityGroup"),
        obj("componentId", eni, "componentType", "AWS::EC2::NetworkInterface"),
        obj("componentId", t.nativeId(), "componentType", "AWS::EC2::Instance")));
    return obj(
        "awsAccountId", t.scope().accountId(),
        "description", "On the instance " + t.nativeId() + ", the port range " + port + " to " + port
            + " is reachable from the InternetGateway " + igw + " from an attached ENI " + eni + ".",
        "findingArn", arn,
        "firstObservedAt", style.time(seen.first()),
        "lastObservedAt", style.time(seen.last()),
        "networkReachabilityDetails", obj("networkPath", obj("steps", steps),
            "openPortRange", obj("begin", port, "end", port), "protocol", "TCP"),
        "remediation", obj("recommendation", obj("text", "You can restrict access to your instance by modifying the"
            + " Security Groups or ACLs in the network path.")),
        "resources", list(resource(t, style)),
        "severity", severity,
        "status", status,
        "title", "Port " + port + " is reachable from an Internet Gateway - TCP",
        "type", "NETWORK_REACHABILITY",
        "updatedAt", style.time(seen.processed()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resource(Target t, Style style) {
    Map<String, Object> asff = t.resource();
    Map<String, Object> d = (Map<String, Object>) ((Map<String, Object>) asff.get("Details")).get(asff.get("Type"));
    Map<String, Object> details;
    String id = t.nativeId();
    if (t.ec2()) {
      details = obj("awsEc2Instance", obj("iamInstanceProfileArn", d.get("IamInstanceProfileArn"),
          "imageId", d.get("ImageId"), "ipV4Addresses", Tree.copy(d.get("IpV4Addresses")), "ipV6Addresses", list(),
          "keyName", d.get("KeyName"), "launchedAt", style.time(Instant.parse((String) d.get("LaunchedAt"))),
          "platform", t.platform(), "subnetId", d.get("SubnetId"), "type", d.get("Type"), "vpcId", d.get("VpcId")));
    } else if (t.ecr()) {
      details = obj("awsEcrContainerImage", obj("architecture", d.get("Architecture"),
          "imageHash", d.get("ImageDigest"), "imageTags", Tree.copy(d.get("ImageTags")), "platform", t.platform(),
          "pushedAt", style.time(Instant.parse((String) d.get("ImagePublishedAt"))),
          "registry", d.get("RegistryId"), "repositoryName", d.get("RepositoryName")));
    } else {
      id = id + ":$LATEST";
      details = obj("awsLambdaFunction", obj("architectures", Tree.copy(d.get("Architectures")),
          "codeSha256", d.get("CodeSha256"), "executionRoleArn", d.get("Role"), "functionName", d.get("FunctionName"),
          "lastModifiedAt", style.time(Instant.parse(((String) d.get("LastModified")).replace("+0000", "Z"))),
          "packageType", d.get("PackageType"), "runtime", d.get("Runtime"), "version", d.get("Version")));
    }
    return obj("details", details, "id", id, "partition", "aws", "region", t.scope().region(),
        "tags", Tree.copy(asff.get("Tags")), "type", t.type());
  }
}

package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Observed;
import dev.riskline.bench.Fleet.Scope;
import dev.riskline.finding.Asff.SeverityLabel;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Amazon GuardDuty findings as Security Hub shows them: GuardDuty finding types mapped to ASFF {@code Types}
 * ({@code TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce}), the severity from GuardDuty's 1–10 scale
 * ({@code Normalized} = 10 × severity, the label from {@code Normalized}), {@code Network} and {@code Action}
 * sections. Remote actors use documentation address ranges. Not thread-safe.
 */
final class ThreatFindings {
  /** A GuardDuty finding type: what is attacked, how it is seen, and how GuardDuty words it. */
  record ThreatType(String type, String asffType, double severity, String target, String action, String title,
      String description) {}

  /** Where a remote actor appears to come from. */
  record Origin(String country, String code, String city, int asn, String org, double lat, double lon) {}

  static final List<ThreatType> TYPES = List.of(
      new ThreatType("UnauthorizedAccess:EC2/SSHBruteForce", "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce",
          2.0, "EC2", "NETWORK_CONNECTION:22", "%ip% is performing SSH brute force attacks against %instance%.",
          "%ip% is performing SSH brute force attacks against %instance%. Brute force attacks are used to gain"
              + " unauthorized access to your instance by guessing the SSH password."),
      new ThreatType("UnauthorizedAccess:EC2/RDPBruteForce", "TTPs/Initial Access/UnauthorizedAccess:EC2-RDPBruteForce",
          5.0, "EC2", "NETWORK_CONNECTION:3389", "%ip% is performing RDP brute force attacks against %instance%.",
          "%ip% is performing RDP brute force attacks against %instance%. Brute force attacks are used to gain"
              + " unauthorized access to your instance by guessing the RDP password."),
      new ThreatType("Recon:EC2/PortProbeUnprotectedPort", "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort", 5.0,
          "EC2", "PORT_PROBE", "Unprotected port on EC2 instance %instance% is being probed.",
          "EC2 instance has an unprotected port which is being probed by a known malicious host."),
      new ThreatType("CryptoCurrency:EC2/BitcoinTool.B!DNS",
          "Effects/Resource Consumption/CryptoCurrency:EC2-BitcoinTool.B!DNS", 8.0, "EC2", "DNS_REQUEST",
          "Bitcoin-related domain name queried by EC2 instance %instance%.",
          "EC2 instance %instance% is querying a domain name that is associated with Bitcoin-related activity."),
      new ThreatType("Backdoor:EC2/C&CActivity.B!DNS", "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS", 8.0,
          "EC2", "DNS_REQUEST", "Command and Control server domain name queried by EC2 instance %instance%.",
          "EC2 instance %instance% is querying a domain name associated with a known Command & Control server."),
      new ThreatType("Trojan:EC2/DNSDataExfiltration", "Effects/Data Exfiltration/Trojan:EC2-DNSDataExfiltration", 8.0,
          "EC2", "DNS_REQUEST", "Data exfiltration through DNS queries from EC2 instance %instance%.",
          "EC2 instance %instance% is attempting to exfiltrate data by encoding it in outbound DNS queries."),
      new ThreatType("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
          "TTPs/Credential Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS", 8.0, "IAM",
          "AWS_API_CALL:DescribeInstances", "Credentials for instance role %user% used from external IP address.",
          "Credentials created exclusively for an EC2 instance using instance role %user% have been used from"
              + " external IP address %ip%."),
      new ThreatType("Discovery:S3/MaliciousIPCaller", "TTPs/Discovery/Discovery:S3-MaliciousIPCaller", 5.0, "S3",
          "AWS_API_CALL:GetBucketAcl", "Reconnaissance API GetBucketAcl was invoked from a known malicious IP address.",
          "An API commonly used to discover S3 resources, GetBucketAcl, was invoked on bucket %bucket% from known"
              + " malicious IP address %ip%."),
      new ThreatType("Stealth:IAMUser/CloudTrailLoggingDisabled",
          "TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled", 2.0, "IAM", "AWS_API_CALL:StopLogging",
          "AWS CloudTrail trail management-events was disabled.",
          "AWS CloudTrail trail management-events was disabled by %user% calling StopLogging under unusual"
              + " circumstances. This can be attackers' attempt to cover their tracks by eliminating any trace of"
              + " activity performed while they accessed your account."),
      new ThreatType("Policy:IAMUser/RootCredentialUsage",
          "Software and Configuration Checks/AWS Security Best Practices/Policy:IAMUser-RootCredentialUsage", 2.0,
          "IAM", "AWS_API_CALL:ListBuckets", "API ListBuckets was invoked using root credentials.",
          "API ListBuckets was invoked using root credentials from IP address %ip%."),
      new ThreatType("PenTest:IAMUser/KaliLinux", "TTPs/Discovery/PenTest:IAMUser-KaliLinux", 5.0, "IAM",
          "AWS_API_CALL:ListRoles", "API ListRoles was invoked from a Kali Linux computer.",
          "API ListRoles was invoked by %user% from a Kali Linux computer with IP address %ip%."));

  private static final List<Origin> ORIGINS = List.of(
      new Origin("China", "CN", "Beijing", 4134, "Chinanet", 39.9042, 116.4074),
      new Origin("Russia", "RU", "Moscow", 12389, "Rostelecom", 55.7558, 37.6173),
      new Origin("Netherlands", "NL", "Amsterdam", 14061, "DigitalOcean, LLC", 52.3676, 4.9041),
      new Origin("Brazil", "BR", "Sao Paulo", 28573, "Claro NXT Telecomunicacoes Ltda", -23.5505, -46.6333),
      new Origin("Vietnam", "VN", "Hanoi", 7552, "Viettel Group", 21.0278, 105.8342),
      new Origin("United States", "US", "Ashburn", 14618, "Amazon.com, Inc.", 39.0438, -77.4874));

  private final Fleet fleet;
  private final Rand rand;
  private final Resources resources;
  private final GuardDutyDetails details;

  ThreatFindings(Fleet fleet, Resources resources) {
    this.fleet = fleet;
    this.rand = fleet.rand();
    this.resources = resources;
    this.details = new GuardDutyDetails(rand, fleet);
  }

  static String productArn(String region) {
    return "arn:aws:securityhub:" + region + "::product/aws/guardduty";
  }

  /** GuardDuty's detector id of an account: stable for the account, 32 hex digits. */
  static String detectorId(String accountId) {
    SplittableRandom r = new SplittableRandom(Long.parseLong(accountId));
    return HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
  }

  Map<String, Object> next() {
    return of(rand.pick(TYPES), fleet.scope());
  }

  /** A finding of this GuardDuty type in this scope. */
  Map<String, Object> of(ThreatType type, Scope s) {
    String detector = detectorId(s.accountId());
    String findingId = rand.hex(32);
    String id = "arn:aws:guardduty:" + s.region() + ":" + s.accountId() + ":detector/" + detector + "/finding/"
        + findingId;
    String ip = rand.pick("198.51.100.", "203.0.113.", "192.0.2.") + rand.between(2, 254);
    Origin origin = rand.pick(ORIGINS);
    Map<String, Object> resource = target(type, s);
    String subject = subject(resource);
    double severity = type.severity() == 5.0 && rand.chance(0.3) ? 5.3 : type.severity();
    int normalized = (int) Math.round(severity * 10);
    SeverityLabel label = SeverityLabel.fromNormalized(normalized);
    Observed seen = fleet.observed();
    String productArn = productArn(s.region());
    String generator = "arn:aws:guardduty:" + s.region() + ":" + s.accountId() + ":detector/" + detector;
    Map<String, Object> f = new Header(id, productArn, "GuardDuty", "Amazon", generator)
        .start(s, type.asffType(), seen);
    f.putAll(obj(
        "Severity", obj("Product", severity, "Label", label.name(), "Normalized", normalized),
        "Title", fill(type.title(), ip, subject),
        "Description", fill(type.description(), ip, subject),
        "SourceUrl", "https://" + s.region() + ".console.aws.amazon.com/guardduty/home?region=" + s.region()
            + "#/findings?macros=current&fId=" + findingId,
        "ProductFields", details.productFields(type, seen, detector, origin, productArn + "/" + id),
        "Resources", list(resource),
        "WorkflowState", "NEW",
        "Workflow", obj("Status", rand.chance(0.15) ? "NOTIFIED" : "NEW"),
        "RecordState", rand.chance(0.1) ? "ARCHIVED" : "ACTIVE",
        "Network", details.network(type, ip, resource),
        "Action", details.action(type, ip, origin),
        "FindingProviderFields", obj("Severity", obj("Label", label.name(), "Original", String.valueOf(severity)),
            "Types", list(type.asffType())),
        "Sample", false,
        "ProcessedAt", iso(seen.processed())));
    return f;
  }

  private Map<String, Object> target(ThreatType type, Scope s) {
    return switch (type.target()) {
      case "EC2" -> Compute.ec2(fleet, s, fleet.instanceId(), fleet.appComponent(s));
      case "S3" -> resources.s3Bucket(s, fleet.bucketName(s));
      default -> resources.iamAccessKey(s, fleet.userName());
    };
  }

  @SuppressWarnings("unchecked")
  private static String subject(Map<String, Object> resource) {
    Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) resource.get("Details"))
        .get(resource.get("Type"));
    Object name = details.getOrDefault("PrincipalName", details.get("Name"));
    String id = (String) resource.get("Id");
    return name != null ? (String) name : id.substring(id.lastIndexOf('/') + 1);
  }

  private static String fill(String template, String ip, String subject) {
    return template.replace("%ip%", ip).replace("%instance%", subject).replace("%user%", subject)
        .replace("%bucket%", subject);
  }
}

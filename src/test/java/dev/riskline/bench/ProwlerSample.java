package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Account;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prowler 4 findings in its JSON-OCSF output (OCSF Detection Finding, class 2004), as {@code prowler aws
 * --compliance cis_3.0_aws} writes them: CIS AWS Foundations Benchmark v3.0.0 checks, with the requirement ids
 * of Prowler's {@code cis_3.0_aws.json} under {@code unmapped.compliance}.
 */
final class ProwlerSample {
  static final String VERSION = "4.6.1";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
      Locale.US).withZone(ZoneOffset.UTC);

  /** A Prowler check, the CIS v3.0.0 requirements it serves, and what it says when it fails or passes. */
  record Check(String id, List<String> cis, String service, String severity, String resourceType, String resource,
      String title, String fail, String pass, String remediation, String url) {}

  static final List<Check> CHECKS = List.of(
      check("iam_no_root_access_key", "1.4", "iam", "critical", "AwsIamUser", "root",
          "Ensure no root account access key exists", "Root account has an access key.",
          "Root account does not have access keys.", "Delete the root user's access keys; use IAM roles instead."),
      check("iam_root_mfa_enabled", "1.5", "iam", "critical", "AwsIamUser", "root",
          "Ensure MFA is enabled for the root account", "MFA is not enabled for root account.",
          "MFA is enabled for root account.", "Enable MFA for the root user of the account."),
      check("iam_root_hardware_mfa_enabled", "1.6", "iam", "critical", "AwsIamUser", "root",
          "Ensure hardware MFA is enabled for the root account", "Root account has a virtual MFA instead of a"
              + " hardware MFA device enabled.", "Root account has a hardware MFA device enabled.",
          "Enable a hardware MFA device for the root user."),
      check("iam_password_policy_minimum_length_14", "1.8", "iam", "medium", "AwsIamPasswordPolicy", "policy",
          "Ensure IAM password policy requires minimum length of 14 or greater",
          "IAM password policy does not require minimum length of 14 characters.",
          "IAM password policy requires minimum length of 14 characters.", "Set the minimum password length to 14."),
      check("iam_user_mfa_enabled_console_access", "1.10", "iam", "high", "AwsIamUser", "user",
          "Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password.",
          "User %s has Console Password enabled but MFA disabled.", "User %s has Console Password enabled and MFA"
              + " enabled.", "Enable MFA for every IAM user with a console password."),
      check("iam_rotate_access_key_90_days", "1.14", "iam", "medium", "AwsIamUser", "user",
          "Ensure access keys are rotated every 90 days or less",
          "User %s has not rotated access key 1 in over 90 days (212 days).",
          "User %s does not have access keys older than 90 days.", "Rotate access keys every 90 days or less."),
      check("account_maintain_current_contact_details", "1.1", "account", "medium", "AwsAccount", "root",
          "Maintain current contact details.", "Login to the AWS Console. Choose your account name on the top right"
              + " of the window -> My Account -> Contact Information.", "",
          "Keep the account's contact email and telephone details current and shared by several people."),
      check("s3_bucket_secure_transport_policy", "2.1.1", "s3", "medium", "AwsS3Bucket", "bucket",
          "Check if S3 buckets have secure transport policy.", "S3 Bucket %s does not have a bucket policy, thus it"
              + " allows HTTP requests.", "S3 Bucket %s has a bucket policy to deny requests over insecure transport.",
          "Add a bucket policy that denies requests where aws:SecureTransport is false."),
      check("s3_bucket_level_public_access_block", "2.1.4", "s3", "medium", "AwsS3Bucket", "bucket",
          "Check S3 Bucket Level Public Access Block.", "Block Public Access is not configured for the S3 Bucket %s.",
          "Block Public Access is configured for the S3 Bucket %s.", "Turn on all four bucket-level block public"
              + " access settings."),
      check("rds_instance_storage_encrypted", "2.3.1", "rds", "medium", "AwsRdsDbInstance", "rds",
          "Check if RDS instances storage is encrypted.", "RDS Instance %s is not encrypted.",
          "RDS Instance %s is encrypted.", "Encrypt the instance: restore an encrypted snapshot copy."),
      check("rds_instance_no_public_access", "2.3.3", "rds", "critical", "AwsRdsDbInstance", "rds",
          "Ensure there are no Public Accessible RDS instances.", "RDS Instance %s is set as publicly accessible.",
          "RDS Instance %s is not publicly accessible.", "Set PubliclyAccessible to false."),
      check("cloudtrail_multi_region_enabled", "3.1", "cloudtrail", "high", "AwsCloudTrailTrail", "trail",
          "Ensure CloudTrail is enabled in all regions", "No CloudTrail trails enabled and logging were found.",
          "Trail %s is multiregion and it is logging.", "Create a multi-Region trail that logs management events."),
      check("cloudtrail_log_file_validation_enabled", "3.2", "cloudtrail", "medium", "AwsCloudTrailTrail", "trail",
          "Ensure CloudTrail log file validation is enabled", "Multiregion trail %s log file validation disabled.",
          "Multiregion trail %s log file validation enabled.", "Enable log file validation on the trail."),
      check("kms_cmk_rotation_enabled", "3.6", "kms", "medium", "AwsKmsKey", "key",
          "Ensure rotation for customer created KMS CMKs is enabled.", "KMS CMK %s has automatic rotation disabled.",
          "KMS CMK %s has automatic rotation enabled.", "Enable automatic key rotation for the key."),
      check("vpc_flow_logs_enabled", "3.7", "vpc", "medium", "AwsEc2Vpc", "vpc",
          "Ensure VPC Flow Logging is Enabled in all VPCs.", "VPC %s Flow logs are disabled.",
          "VPC %s Flow logs are enabled.", "Create a flow log that captures rejected traffic for the VPC."),
      check("cloudwatch_log_metric_filter_root_usage", "4.3", "cloudwatch", "medium", "AwsLogsLogGroup", "logs",
          "Ensure a log metric filter and alarm exist for usage of root account.",
          "No CloudWatch log groups found with metric filters or alarms associated.",
          "CloudWatch log group %s has a metric filter and alarm for root account usage.",
          "Create a metric filter and alarm for root account usage on the CloudTrail log group."),
      check("securityhub_enabled", "4.16", "securityhub", "medium", "AwsSecurityHubHub", "hub",
          "Check if Security Hub is enabled and its standard subscriptions.", "Security Hub is not enabled.",
          "Security Hub is enabled with standards: cis-aws-foundations-benchmark/v/3.0.0.",
          "Enable Security Hub and the CIS AWS Foundations Benchmark standard."),
      new Check("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", List.of("5.2", "5.3"), "ec2",
          "high", "AwsEc2SecurityGroup", "sg",
          "Ensure no security groups allow ingress from 0.0.0.0/0 or ::/0 to SSH port 22.",
          "Security group %s has SSH port 22 open to the Internet.",
          "Security group %s does not have SSH port 22 open to the Internet.",
          "Allow SSH only from known addresses, or use Session Manager.", url("ec2")),
      check("ec2_securitygroup_default_restrict_traffic", "5.4", "ec2", "high", "AwsEc2SecurityGroup", "sg",
          "Ensure the default security group of every VPC restricts all traffic.",
          "Default Security Group (%s) rules allow traffic.", "Default Security Group (%s) rules do not allow"
              + " traffic.", "Remove every rule of the default security group."),
      check("ec2_instance_imdsv2_enabled", "5.6", "ec2", "high", "AwsEc2Instance", "instance",
          "Check if EC2 Instance Metadata Service Version 2 (IMDSv2) is Enabled and Required.",
          "EC2 Instance %s has IMDSv2 disabled or not required.", "EC2 Instance %s has IMDSv2 enabled and required.",
          "Require IMDSv2: set HttpTokens to required."));

  private static Check check(String id, String cis, String service, String severity, String type, String resource,
      String title, String fail, String pass, String remediation) {
    return new Check(id, List.of(cis), service, severity, type, resource, title, fail, pass, remediation, url(service));
  }

  private static String url(String service) {
    return "https://docs.aws.amazon.com/securityhub/latest/userguide/" + service + "-controls.html";
  }

  private ProwlerSample() {}

  /** One scan of two accounts: every check on the first, every other check on the second. */
  static List<Object> findings(Fleet fleet, Account first, Account second, Instant scan) {
    List<Object> out = new ArrayList<>();
    Rand rand = fleet.rand();
    long micros = 0;
    for (Account a : List.of(first, second)) {
      for (int i = 0; i < CHECKS.size(); i++) {
        if (a == second && i % 2 == 1) continue;
        Check c = CHECKS.get(i);
        String status = c.pass().isEmpty() ? "MANUAL" : rand.chance(0.62) ? "FAIL" : "PASS";
        boolean muted = status.equals("FAIL") && rand.chance(0.12);
        micros += rand.between(40_000, 4_000_000);
        out.add(finding(fleet, c, a, status, muted, scan.plusNanos(micros * 1_000)));
      }
    }
    return out;
  }

  static Map<String, Object> finding(Fleet fleet, Check c, Account a, String status, boolean muted, Instant at) {
    Rand rand = fleet.rand();
    String region = c.service().equals("iam") || c.service().equals("account") ? "us-east-1" : a.homeRegion();
    String[] resource = resource(fleet, c, a, region);
    String message = (status.equals("PASS") ? c.pass() : c.fail()).replace("%s", resource[1]);
    int severityId = switch (c.severity()) {
      case "critical" -> 5;
      case "high" -> 4;
      case "medium" -> 3;
      default -> 2;
    };
    long epoch = at.getEpochSecond();
    String time = TIME.format(at);
    return obj(
        "message", message,
        "metadata", obj("event_code", c.id(), "product", obj("name", "Prowler", "uid", "prowler",
            "vendor_name", "Prowler", "version", VERSION), "profiles", list("cloud", "datetime"),
            "tenant_uid", "", "version", "1.3.0"),
        "severity_id", severityId,
        "severity", Character.toUpperCase(c.severity().charAt(0)) + c.severity().substring(1),
        "status", muted ? "Suppressed" : "New",
        "status_code", status,
        "status_detail", message,
        "status_id", muted ? 3 : 1,
        "unmapped", obj("related_url", "", "categories", list(), "depends_on", list(), "related_to", list(),
            "additional_urls", list(), "notes", "", "compliance", obj("CIS-3.0", Tree.listOf(c.cis()))),
        "activity_name", "Create",
        "activity_id", 1,
        "finding_info", obj("created_time", epoch, "created_time_dt", time, "desc", c.title(),
            "first_seen_time", epoch - rand.between(0, 86_400 * 30), "title", c.title(),
            "types", list("Software and Configuration Checks", "Industry and Regulatory Standards",
                "CIS AWS Foundations Benchmark"),
            "uid", "prowler-aws-" + c.id() + "-" + a.id() + "-" + region + "-" + resource[1]),
        "resources", list(obj("cloud_partition", "aws", "region", region,
            "data", obj("details", "", "metadata", obj()), "group", obj("name", c.service()),
            "labels", list("Environment:" + a.env(), "Owner:" + a.owner()),
            "name", resource[1], "type", c.resourceType(), "uid", resource[0])),
        "category_name", "Findings",
        "category_uid", 2,
        "class_name", "Detection Finding",
        "class_uid", 2004,
        "cloud", obj("account", obj("name", a.name(), "type", "AWS Account", "type_id", 10, "uid", a.id(),
            "labels", list()), "org", obj("name", "", "uid", ""), "provider", "aws", "region", region),
        "remediation", obj("desc", c.remediation(), "references", list(c.url())),
        "risk_details", "Failing " + c.id() + " weakens CIS AWS Foundations Benchmark requirement "
            + String.join(", ", c.cis()) + ".",
        "time", epoch,
        "time_dt", time,
        "type_uid", 200401,
        "type_name", "Detection Finding: Create");
  }

  /** The resource's uid and name. */
  private static String[] resource(Fleet fleet, Check c, Account a, String region) {
    Rand rand = fleet.rand();
    String prefix = region + ":" + a.id() + ":";
    return switch (c.resource()) {
      case "root" -> new String[] {"arn:aws:iam::" + a.id() + ":root", "<root_account>"};
      case "policy" -> new String[] {"arn:aws:iam:" + prefix + "password-policy", "password_policy"};
      case "user" -> {
        String user = fleet.userName();
        yield new String[] {"arn:aws:iam::" + a.id() + ":user/" + user, user};
      }
      case "bucket" -> {
        String bucket = fleet.bucketName(new Fleet.Scope(a, region));
        yield new String[] {"arn:aws:s3:::" + bucket, bucket};
      }
      case "rds" -> {
        String db = a.app() + "-db-" + a.env();
        yield new String[] {"arn:aws:rds:" + prefix + "db:" + db, db};
      }
      case "trail" -> new String[] {"arn:aws:cloudtrail:" + prefix + "trail/management-events", "management-events"};
      case "key" -> {
        String key = rand.uuid();
        yield new String[] {"arn:aws:kms:" + prefix + "key/" + key, key};
      }
      case "vpc" -> {
        String vpc = fleet.vpcId();
        yield new String[] {"arn:aws:ec2:" + prefix + "vpc/" + vpc, vpc};
      }
      case "logs" -> new String[] {"arn:aws:logs:" + prefix + "log-group:aws-cloudtrail-logs-" + a.id(),
          "aws-cloudtrail-logs-" + a.id()};
      case "hub" -> new String[] {"arn:aws:securityhub:" + prefix + "hub/default", "default"};
      case "sg" -> {
        String sg = fleet.securityGroupId();
        yield new String[] {"arn:aws:ec2:" + prefix + "security-group/" + sg, sg};
      }
      default -> {
        String instance = fleet.instanceId();
        yield new String[] {"arn:aws:ec2:" + prefix + "instance/" + instance, instance};
      }
    };
  }
}

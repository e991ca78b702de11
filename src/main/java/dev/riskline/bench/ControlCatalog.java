package dev.riskline.bench;

import dev.riskline.finding.Asff.SeverityLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * Security Hub controls the generator reports on: real control ids, titles and severities from the AWS
 * Foundational Security Best Practices (FSBP) standard and the CIS AWS Foundations Benchmark. The CIS requirement
 * numbers per benchmark version are the mapping table of reference §7 ([UG-cis-aws-foundations-benchmark]).
 * Immutable.
 */
final class ControlCatalog {
  static final String FSBP = "standards/aws-foundational-security-best-practices/v/1.0.0";
  static final String CIS_300 = "standards/cis-aws-foundations-benchmark/v/3.0.0";
  private static final String[] CIS_VERSIONS = {"v3.0.0", "v5.0.0", "v1.4.0", "v1.2.0"};

  /**
   * One control.
   *
   * @param cis the CIS requirement per benchmark version v3.0.0, v5.0.0, v1.4.0, v1.2.0, separated by {@code |},
   *     {@code -} where the version has none
   * @param configRule the AWS Config managed rule behind the control, or null for Security Hub's own checks
   */
  record Control(String id, SeverityLabel severity, String resourceType, String configRule, boolean fsbp,
      String cis, String title, String description) {

    /** The CIS v3.0.0 requirement, or null when the control is not part of that version. */
    String cis300() {
      String r = cis.split("\\|")[0];
      return r.equals("-") ? null : r;
    }

    /** {@code Compliance.RelatedRequirements} as Security Hub writes them. */
    List<String> relatedRequirements() {
      List<String> out = new ArrayList<>();
      String[] reqs = cis.split("\\|");
      for (int i = 0; i < reqs.length; i++) {
        if (!reqs[i].equals("-")) out.add("CIS AWS Foundations Benchmark " + CIS_VERSIONS[i] + "/" + reqs[i]);
      }
      return out;
    }

    /** The {@code StandardsId}s of the enabled standards the control belongs to. */
    List<String> standards() {
      List<String> out = new ArrayList<>();
      if (fsbp) out.add(FSBP);
      if (cis300() != null) out.add(CIS_300);
      return out;
    }
  }

  private static final SeverityLabel LOW = SeverityLabel.LOW;
  private static final SeverityLabel MEDIUM = SeverityLabel.MEDIUM;
  private static final SeverityLabel HIGH = SeverityLabel.HIGH;
  private static final SeverityLabel CRITICAL = SeverityLabel.CRITICAL;

  static final List<Control> CONTROLS = List.of(
      new Control("Account.1", MEDIUM, "AwsAccount", null, false, "1.2|1.2|1.2|1.18",
          "Security contact information should be provided for an AWS account",
          "This control checks if an Amazon Web Services (AWS) account has security contact information. The control"
              + " fails if security contact information is not provided for the account."),
      new Control("IAM.1", HIGH, "AwsIamPolicy", "iam-policy-no-statements-with-admin-access", true, "-|-|1.16|1.22",
          "IAM policies should not allow full \"*\" administrative privileges",
          "This control checks whether the default version of IAM customer managed policies has administrator access"
              + " by including a statement with \"Effect\": \"Allow\" with \"Action\": \"*\" over"
              + " \"Resource\": \"*\"."),
      new Control("IAM.2", LOW, "AwsIamUser", "iam-user-no-policies-check", true, "1.15|1.14|-|1.16",
          "IAM users should not have IAM policies attached",
          "This control checks whether your IAM users have policies attached. The control fails if your IAM users"
              + " have policies attached. Instead, IAM users should inherit permissions from IAM groups or assume a"
              + " role."),
      new Control("IAM.3", MEDIUM, "AwsIamAccessKey", "access-keys-rotated", true, "1.14|1.13|1.14|1.4",
          "IAM users' access keys should be rotated every 90 days or less",
          "This control checks whether the active access keys are rotated within 90 days. The control fails if an"
              + " access key has not been rotated in more than 90 days."),
      new Control("IAM.4", CRITICAL, "AwsAccount", "iam-root-access-key-check", true, "1.4|1.3|1.4|1.12",
          "IAM root user access key should not exist",
          "This control checks whether the root user access key is available. The control fails if the root user"
              + " access key exists."),
      new Control("IAM.5", MEDIUM, "AwsIamUser", "mfa-enabled-for-iam-console-access", true, "1.10|1.9|1.10|1.2",
          "MFA should be enabled for all IAM users that have a console password",
          "This control checks whether AWS multi-factor authentication (MFA) is enabled for all IAM users that use a"
              + " console password. The control fails if MFA is not enabled for such a user."),
      new Control("IAM.6", CRITICAL, "AwsAccount", "root-account-hardware-mfa-enabled", true, "1.6|1.5|1.6|1.14",
          "Hardware MFA should be enabled for the root user",
          "This control checks whether your AWS account is enabled to use a hardware multi-factor authentication (MFA)"
              + " device to sign in with root user credentials. The control fails if hardware MFA is not enabled or if"
              + " any virtual MFA devices are permitted for signing in with root user credentials."),
      new Control("IAM.9", CRITICAL, "AwsAccount", "root-account-mfa-enabled", false, "1.5|1.4|1.5|1.13",
          "MFA should be enabled for the root user",
          "This control checks whether multi-factor authentication (MFA) is enabled for the root user of your AWS"
              + " account. The control fails if MFA is not enabled for the root user."),
      new Control("IAM.15", MEDIUM, "AwsAccount", "iam-password-policy", false, "1.8|1.7|1.8|1.9",
          "Ensure IAM password policy requires minimum password length of 14 or greater",
          "This control checks whether the account password policy requires passwords of at least 14 characters."
              + " The control fails if the password policy allows shorter passwords."),
      new Control("IAM.16", LOW, "AwsAccount", "iam-password-policy", false, "1.9|1.8|1.9|1.10",
          "Ensure IAM password policy prevents password reuse",
          "This control checks whether the number of passwords to be remembered is set to 24. The control fails if"
              + " the value is not 24."),
      new Control("IAM.18", LOW, "AwsAccount", "iam-policy-in-use", false, "1.17|1.16|1.17|1.20",
          "Ensure a support role has been created to manage incidents with AWS Support",
          "This control checks whether an IAM role has the AWSSupportAccess managed policy attached. The control"
              + " fails if no IAM role has the policy attached."),
      new Control("IAM.22", MEDIUM, "AwsIamUser", "iam-user-unused-credentials-check", false, "1.12|1.11|1.12|-",
          "IAM user credentials unused for 45 days should be removed",
          "This control checks whether your IAM users have passwords or active access keys that have not been used"
              + " for 45 days or more. The control fails if there are unused credentials."),
      new Control("IAM.27", MEDIUM, "AwsIamRole", "iam-policy-blacklisted-check", false, "1.22|1.21|-|-",
          "IAM identities should not have the AWSCloudShellFullAccess policy attached",
          "This control checks whether an IAM identity (user, role, or group) has the AWS managed policy"
              + " AWSCloudShellFullAccess attached. The control fails if an IAM identity has the policy attached."),
      new Control("IAM.28", HIGH, "AwsAccount", null, false, "1.20|1.19|-|-",
          "IAM Access Analyzer external access analyzer should be enabled",
          "This control checks whether an AWS account has an IAM Access Analyzer external access analyzer enabled."
              + " The control fails if the account does not have one enabled in the Region."),
      new Control("S3.1", MEDIUM, "AwsAccount", "s3-account-level-public-access-blocks-periodic", true,
          "2.1.4|2.1.4|2.1.5|-", "S3 general purpose buckets should have block public access settings enabled",
          "This control checks whether the preceding Amazon S3 block public access settings are configured at the"
              + " account level. The control fails if one or more of the block public access settings are false."),
      new Control("S3.5", MEDIUM, "AwsS3Bucket", "s3-bucket-ssl-requests-only", true, "2.1.1|2.1.1|2.1.2|-",
          "S3 general purpose buckets should require requests to use TLS",
          "This control checks whether an Amazon S3 general purpose bucket has a policy that requires requests to use"
              + " SSL/TLS. The control fails if the bucket policy allows HTTP requests."),
      new Control("S3.8", HIGH, "AwsS3Bucket", "s3-bucket-level-public-access-prohibited", true, "2.1.4|2.1.4|2.1.5|-",
          "S3 general purpose buckets should block public access",
          "This control checks whether an Amazon S3 general purpose bucket blocks public access at the bucket level."
              + " The control fails if any of the bucket-level block public access settings are false."),
      new Control("S3.20", LOW, "AwsS3Bucket", "s3-bucket-mfa-delete-enabled", false, "2.1.2|2.1.2|2.1.3|-",
          "S3 general purpose buckets should have MFA delete enabled",
          "This control checks whether MFA delete is enabled on an Amazon S3 general purpose versioned bucket. The"
              + " control fails if MFA delete is not enabled on the bucket."),
      new Control("S3.22", MEDIUM, "AwsAccount", "cloudtrail-all-write-s3-data-event-check", false, "3.8|3.8|-|-",
          "S3 general purpose buckets should log object-level write events",
          "This control checks whether an AWS account has at least one AWS CloudTrail multi-Region trail that logs"
              + " all write data events for Amazon S3 buckets."),
      new Control("S3.23", MEDIUM, "AwsAccount", "cloudtrail-all-read-s3-data-event-check", false, "3.9|3.9|-|-",
          "S3 general purpose buckets should log object-level read events",
          "This control checks whether an AWS account has at least one AWS CloudTrail multi-Region trail that logs"
              + " all read data events for Amazon S3 buckets."),
      new Control("EC2.2", HIGH, "AwsEc2SecurityGroup", "vpc-default-security-group-closed", true, "5.4|5.5|5.3|4.3",
          "VPC default security groups should not allow inbound or outbound traffic",
          "This control checks whether the default security group of a VPC allows inbound or outbound traffic. The"
              + " control fails if the security group allows inbound or outbound traffic."),
      new Control("EC2.6", MEDIUM, "AwsEc2Vpc", "vpc-flow-logs-enabled", true, "3.7|3.7|3.9|2.9",
          "VPC flow logging should be enabled in all VPCs",
          "This control checks whether Amazon VPC Flow Logs are found and enabled for VPCs. The traffic type is set to"
              + " Reject. The control fails if VPC Flow Logs are not enabled for VPCs in your account."),
      new Control("EC2.7", MEDIUM, "AwsAccount", "ec2-ebs-encryption-by-default", true, "2.2.1|5.1.1|2.2.1|-",
          "EBS default encryption should be enabled",
          "This control checks whether account-level encryption is enabled by default for Amazon Elastic Block Store"
              + " (Amazon EBS) volumes. The control fails if account-level encryption is not enabled."),
      new Control("EC2.8", HIGH, "AwsEc2Instance", "ec2-imdsv2-check", true, "5.6|5.7|-|-",
          "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)",
          "This control checks whether your Amazon EC2 instance metadata version is configured with Instance Metadata"
              + " Service Version 2 (IMDSv2). The control fails if HttpTokens is set to optional."),
      new Control("EC2.9", HIGH, "AwsEc2Instance", "ec2-instance-no-public-ip", true, "-|-|-|-",
          "Amazon EC2 instances should not have a public IPv4 address",
          "This control checks whether EC2 instances have a public IP address. The control fails if the publicIp"
              + " field is present in the EC2 instance configuration item."),
      new Control("EC2.19", CRITICAL, "AwsEc2SecurityGroup", "restricted-common-ports", true, "-|-|-|-",
          "Security groups should not allow unrestricted access to ports with high risk",
          "This control checks whether unrestricted incoming traffic for an Amazon EC2 security group is accessible to"
              + " the specified ports that are considered to be high risk. The control fails if any of the rules in a"
              + " security group allow ingress traffic from '0.0.0.0/0' or '::/0' to those ports."),
      new Control("EC2.21", MEDIUM, "AwsEc2NetworkAcl", "nacl-no-unrestricted-ssh-rdp", true, "5.1|5.2|5.1|-",
          "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389",
          "This control checks whether a network access control list (network ACL) allows unrestricted access to the"
              + " default TCP ports for SSH/RDP ingress traffic. The control fails if the network ACL allows it."),
      new Control("EC2.53", HIGH, "AwsEc2SecurityGroup", "vpc-sg-port-restriction-check", true, "5.2|5.3|-|-",
          "EC2 security groups should not allow ingress from 0.0.0.0/0 to remote server administration ports",
          "This control checks whether an Amazon EC2 security group allows ingress from 0.0.0.0/0 to remote server"
              + " administration ports (ports 22 and 3389). The control fails if the security group allows it."),
      new Control("EC2.54", HIGH, "AwsEc2SecurityGroup", "vpc-sg-port-restriction-check", true, "5.3|5.4|-|-",
          "EC2 security groups should not allow ingress from ::/0 to remote server administration ports",
          "This control checks whether an Amazon EC2 security group allows ingress from ::/0 to remote server"
              + " administration ports (ports 22 and 3389). The control fails if the security group allows it."),
      new Control("RDS.2", CRITICAL, "AwsRdsDbInstance", "rds-instance-public-access-check", true, "2.3.3|2.2.3|-|-",
          "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration",
          "This control checks whether Amazon RDS instances are publicly accessible by evaluating the"
              + " PubliclyAccessible field in the instance configuration item."),
      new Control("RDS.3", MEDIUM, "AwsRdsDbInstance", "rds-storage-encrypted", true, "2.3.1|2.2.1|2.3.1|-",
          "RDS DB instances should have encryption at-rest enabled",
          "This control checks whether storage encryption is enabled for your Amazon RDS DB instances. The control"
              + " fails if an RDS DB instance does not have encryption at rest enabled."),
      new Control("RDS.13", HIGH, "AwsRdsDbInstance", "rds-automatic-minor-version-upgrade-enabled", true,
          "2.3.2|2.2.2|-|-", "RDS automatic minor version upgrades should be enabled",
          "This control checks whether automatic minor version upgrades are enabled for an Amazon RDS database"
              + " instance. The control fails if automatic minor version upgrades are not enabled."),
      new Control("EFS.1", MEDIUM, "AwsEfsFileSystem", "efs-encrypted-check", true, "2.4.1|2.3.1|-|-",
          "Elastic File System should be configured to encrypt file data at-rest using AWS KMS",
          "This control checks whether Amazon Elastic File System is configured to encrypt the file data using AWS"
              + " KMS. The control fails if the encrypted key is set to false on DescribeFileSystems."),
      new Control("CloudTrail.1", HIGH, "AwsAccount", "multi-region-cloudtrail-enabled", true, "3.1|3.1|3.1|2.1",
          "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and"
              + " write management events",
          "This control checks whether there is at least one multi-Region AWS CloudTrail trail that captures read"
              + " and write management events. The control fails if CloudTrail is disabled or there is no such trail."),
      new Control("CloudTrail.2", MEDIUM, "AwsCloudTrailTrail", "cloud-trail-encryption-enabled", true,
          "3.5|3.5|3.7|2.7", "CloudTrail should have encryption at-rest enabled",
          "This control checks whether CloudTrail is configured to use server-side encryption (SSE) with an AWS KMS"
              + " key. The control fails if the KmsKeyId is not defined."),
      new Control("CloudTrail.4", LOW, "AwsCloudTrailTrail", "cloud-trail-log-file-validation-enabled", true,
          "3.2|3.2|3.2|2.2", "CloudTrail log file validation should be enabled",
          "This control checks whether log file integrity validation is enabled on a CloudTrail trail. The control"
              + " fails if log file validation is not enabled."),
      new Control("CloudTrail.7", LOW, "AwsCloudTrailTrail", null, false, "3.4|3.4|3.6|2.6",
          "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket",
          "This control checks whether server access logging is enabled on the CloudTrail S3 bucket. The control"
              + " fails if access logging is not enabled on the bucket that receives the trail's log files."),
      new Control("Config.1", MEDIUM, "AwsAccount", null, true, "3.3|3.3|3.5|2.5",
          "AWS Config should be enabled and use the service-linked role for resource recording",
          "This control checks whether AWS Config is enabled in your account in the current Region and records all"
              + " resources that correspond to controls enabled in the current Region."),
      new Control("KMS.4", MEDIUM, "AwsKmsKey", "cmk-backing-key-rotation-enabled", false, "3.6|3.6|3.8|2.8",
          "AWS KMS key rotation should be enabled",
          "This control checks whether automatic key rotation is enabled for each customer managed symmetric AWS KMS"
              + " key. The control fails if key rotation is not enabled."),
      new Control("GuardDuty.1", HIGH, "AwsAccount", "guardduty-enabled-centralized", true, "-|-|-|-",
          "GuardDuty should be enabled",
          "This control checks whether Amazon GuardDuty is enabled in your GuardDuty account and Region. The control"
              + " fails if GuardDuty is not enabled."),
      new Control("Lambda.2", MEDIUM, "AwsLambdaFunction", "lambda-function-settings-check", true, "-|-|-|-",
          "Lambda functions should use supported runtimes",
          "This control checks whether the AWS Lambda function settings for runtimes match the expected values set"
              + " for the supported runtimes for each language. The control fails if the runtime is deprecated."),
      new Control("ECR.1", HIGH, "AwsEcrRepository", "ecr-private-image-scanning-enabled", true, "-|-|-|-",
          "ECR private repositories should have image scanning configured",
          "This control checks whether a private Amazon ECR repository has image scanning configured. The control"
              + " fails if the repository is not configured for scan on push or continuous scanning."),
      new Control("SSM.1", MEDIUM, "AwsEc2Instance", "ec2-instance-managed-by-systems-manager", true, "-|-|-|-",
          "Amazon EC2 instances should be managed by AWS Systems Manager",
          "This control checks whether the stopped and running Amazon EC2 instances in your account are managed by"
              + " AWS Systems Manager. The control fails if the instance is not managed by Systems Manager."));

  private ControlCatalog() {}

  /** The control with this id; fails with the list of known ids. */
  static Control byId(String id) {
    for (Control c : CONTROLS) {
      if (c.id().equals(id)) return c;
    }
    throw new IllegalArgumentException("Expected one of " + CONTROLS.stream().map(Control::id).toList()
        + " but was " + id);
  }
}

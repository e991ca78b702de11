package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Scope;
import dev.riskline.finding.Timestamps;
import java.time.Duration;
import java.util.Map;

/**
 * ASFF {@code Resources[]} entries with typed {@code Details} for the resource types controls and products report
 * on. The details agree with the control's outcome where it matters (a bucket failing S3.8 has its public access
 * block off). Not thread-safe.
 */
final class Resources {
  private final Fleet fleet;
  private final Rand rand;

  Resources(Fleet fleet) {
    this.fleet = fleet;
    this.rand = fleet.rand();
  }

  /** A resource of the type a control checks, failing or passing it. */
  Map<String, Object> forControl(String type, Scope s, String controlId, boolean failed) {
    return switch (type) {
      case "AwsAccount" -> account(s);
      case "AwsS3Bucket" -> s3Bucket(s, fleet.bucketName(s), controlId, failed);
      case "AwsIamUser" -> iamUser(s, fleet.userName(), failed);
      case "AwsIamAccessKey" -> iamAccessKey(s, fleet.userName());
      case "AwsIamRole" -> iamRole(s, fleet.roleName(s));
      case "AwsIamPolicy" -> iamPolicy(s);
      case "AwsEc2SecurityGroup" -> securityGroup(s, controlId, failed);
      case "AwsEc2Instance" -> Compute.ec2(fleet, s, fleet.instanceId(), fleet.appComponent(s), controlId, failed);
      case "AwsEc2Vpc" -> vpc(s);
      case "AwsEc2NetworkAcl" -> networkAcl(s, failed);
      case "AwsCloudTrailTrail" -> trail(s, controlId, failed);
      case "AwsKmsKey" -> kmsKey(s, failed);
      case "AwsRdsDbInstance" -> Compute.rds(fleet, s, controlId, failed);
      case "AwsEfsFileSystem" -> efs(s, failed);
      case "AwsLambdaFunction" -> Compute.lambda(fleet, s, fleet.appComponent(s),
          rand.pick(failed ? Compute.DEPRECATED_RUNTIMES : Compute.RUNTIMES));
      case "AwsEcrRepository" -> Compute.ecrRepository(fleet, s, failed);
      default -> throw new IllegalArgumentException("Expected a resource type the generator knows but was " + type);
    };
  }

  /** The common part of every resource, in ASFF order. */
  static Map<String, Object> resource(String type, String id, Scope s, Map<String, Object> tags, Object details) {
    return obj("Type", type, "Id", id, "Partition", "aws", "Region", s.region(), "Tags", tags,
        "Details", details == null ? null : obj(type, details));
  }

  Map<String, Object> account(Scope s) {
    return obj("Type", "AwsAccount", "Id", fleet.accountResourceId(s), "Partition", "aws", "Region", s.region());
  }

  /** A bucket no control is checking. */
  Map<String, Object> s3Bucket(Scope s, String name) {
    return s3Bucket(s, name, "", false);
  }

  Map<String, Object> s3Bucket(Scope s, String name, String controlId, boolean failed) {
    boolean blockOff = failed && controlId.equals("S3.8");
    boolean kms = rand.chance(0.4);
    Map<String, Object> details = obj(
        "OwnerId", rand.hex(64),
        "OwnerAccountId", s.accountId(),
        "CreatedAt", iso(rand.before(fleet.base(), Duration.ofDays(1500))),
        "ServerSideEncryptionConfiguration", obj("Rules", list(obj("ApplyServerSideEncryptionByDefault",
            obj("SSEAlgorithm", kms ? "aws:kms" : "AES256",
                "KMSMasterKeyID", kms ? kmsArn(s) : null)))),
        "PublicAccessBlockConfiguration", obj("BlockPublicAcls", !blockOff, "BlockPublicPolicy", !blockOff,
            "IgnorePublicAcls", !blockOff, "RestrictPublicBuckets", !blockOff),
        "BucketVersioningConfiguration", obj("Status", rand.chance(0.6) ? "Enabled" : "Suspended",
            "IsMfaDeleteEnabled", !(failed && controlId.equals("S3.20"))),
        "AccessControlList", "{\"grantList\":[{\"grantee\":{\"id\":\"" + rand.hex(64) + "\",\"displayName\":null},"
            + "\"permission\":\"FullControl\"}],\"grantSet\":null,\"owner\":{\"displayName\":null,\"id\":\""
            + rand.hex(64) + "\"},\"isRequesterCharged\":false}",
        "Name", name);
    return resource("AwsS3Bucket", "arn:aws:s3:::" + name, s, fleet.tags(s, name), details);
  }

  Map<String, Object> iamUser(Scope s, String user, boolean failed) {
    Map<String, Object> details = obj(
        "AttachedManagedPolicies", list(obj("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "PolicyName", "ReadOnlyAccess")),
        "CreateDate", iso(rand.before(fleet.base(), Duration.ofDays(1200))),
        "GroupList", list(rand.pick("developers", "admins", "auditors", "operators")),
        "Path", "/",
        "UserId", "AIDA" + rand.upper(17),
        "UserName", user,
        "UserPolicyList", failed ? list(obj("PolicyName", "inline-" + user + "-access")) : null);
    return resource("AwsIamUser", "arn:aws:iam::" + s.accountId() + ":user/" + user, s, null, details);
  }

  Map<String, Object> iamAccessKey(Scope s, String user) {
    Map<String, Object> details = obj(
        "Status", "Active",
        "CreatedAt", iso(rand.before(fleet.base().minus(Duration.ofDays(90)), Duration.ofDays(900))),
        "PrincipalId", "AIDA" + rand.upper(17),
        "PrincipalType", "IAMUser",
        "PrincipalName", user,
        "AccountId", s.accountId(),
        "AccessKeyId", "AKIA" + rand.upper(16));
    return resource("AwsIamAccessKey", "AWS::IAM::AccessKey:" + rand.upper(20).toLowerCase(), s, null, details);
  }

  Map<String, Object> iamRole(Scope s, String role) {
    String trust = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
        + "%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A"
        + "%22sts%3AAssumeRole%22%7D%5D%7D";
    Map<String, Object> details = obj(
        "AssumeRolePolicyDocument", trust,
        "AttachedManagedPolicies", list(obj("PolicyArn", "arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
            "PolicyName", "AWSCloudShellFullAccess")),
        "CreateDate", iso(rand.before(fleet.base(), Duration.ofDays(1000))),
        "RoleId", "AROA" + rand.upper(17),
        "RoleName", role,
        "MaxSessionDuration", 3600,
        "Path", "/");
    return resource("AwsIamRole", "arn:aws:iam::" + s.accountId() + ":role/" + role, s, null, details);
  }

  Map<String, Object> iamPolicy(Scope s) {
    String name = rand.pick("legacy-admin", "ci-full-access", "break-glass", "ops-star-policy") + "-" + rand.hex(4);
    String created = iso(rand.before(fleet.base(), Duration.ofDays(1400)));
    Map<String, Object> details = obj(
        "AttachmentCount", rand.between(1, 6),
        "CreateDate", created,
        "DefaultVersionId", "v" + rand.between(1, 5),
        "IsAttachable", true,
        "Path", "/",
        "PermissionsBoundaryUsageCount", 0,
        "PolicyId", "ANPA" + rand.upper(17),
        "PolicyName", name,
        "PolicyVersionList", list(obj("VersionId", "v1", "IsDefaultVersion", true, "CreateDate", created)),
        "UpdateDate", created);
    return resource("AwsIamPolicy", "arn:aws:iam::" + s.accountId() + ":policy/" + name, s, null, details);
  }

  Map<String, Object> securityGroup(Scope s, String controlId, boolean failed) {
    String id = fleet.securityGroupId();
    boolean isDefault = controlId.equals("EC2.2");
    String name = isDefault ? "default" : fleet.appComponent(s) + "-sg";
    int port = controlId.equals("EC2.19") ? rand.pick(3389, 22, 3306, 5432, 1433, 9200, 27017) : rand.pick(22, 3389);
    String cidrKey = controlId.equals("EC2.54") ? "CidrIpv6" : "CidrIp";
    String open = controlId.equals("EC2.54") ? "::/0" : "0.0.0.0/0";
    Map<String, Object> details = obj(
        "GroupName", name,
        "GroupId", id,
        "OwnerId", s.accountId(),
        "VpcId", fleet.vpcId(),
        "IpPermissions", list(
            obj("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443, "IpRanges", list(obj("CidrIp", "0.0.0.0/0"))),
            obj("IpProtocol", "tcp", "FromPort", port, "ToPort", port,
                controlId.equals("EC2.54") ? "Ipv6Ranges" : "IpRanges",
                list(obj(cidrKey, failed ? open : "10.0.0.0/8")))),
        "IpPermissionsEgress", list(obj("IpProtocol", "-1", "IpRanges", list(obj("CidrIp", "0.0.0.0/0")))));
    return resource("AwsEc2SecurityGroup", "arn:aws:ec2:" + s.region() + ":" + s.accountId() + ":security-group/" + id,
        s, fleet.tags(s, name), details);
  }

  Map<String, Object> vpc(Scope s) {
    String id = fleet.vpcId();
    Map<String, Object> details = obj(
        "CidrBlockAssociationSet", list(obj("AssociationId", "vpc-cidr-assoc-0" + rand.hex(16),
            "CidrBlock", "10." + rand.between(0, 63) + ".0.0/16", "CidrBlockState", "associated")),
        "DhcpOptionsId", "dopt-0" + rand.hex(16),
        "State", "available");
    return resource("AwsEc2Vpc", "arn:aws:ec2:" + s.region() + ":" + s.accountId() + ":vpc/" + id, s,
        fleet.tags(s, s.account().app() + "-vpc"), details);
  }

  Map<String, Object> networkAcl(Scope s, boolean failed) {
    String id = "acl-0" + rand.hex(16);
    String vpc = fleet.vpcId();
    Map<String, Object> details = obj(
        "IsDefault", rand.chance(0.5),
        "NetworkAclId", id,
        "OwnerId", s.accountId(),
        "VpcId", vpc,
        "Entries", list(
            obj("CidrBlock", failed ? "0.0.0.0/0" : "10.0.0.0/8", "Egress", false, "Protocol", "6",
                "PortRange", obj("From", 22, "To", 22), "RuleAction", "allow", "RuleNumber", 100),
            obj("CidrBlock", "0.0.0.0/0", "Egress", true, "Protocol", "-1", "RuleAction", "allow", "RuleNumber", 100)),
        "Associations", list(obj("NetworkAclAssociationId", "aclassoc-0" + rand.hex(16), "NetworkAclId", id,
            "SubnetId", fleet.subnetId())));
    return resource("AwsEc2NetworkAcl", "arn:aws:ec2:" + s.region() + ":" + s.accountId() + ":network-acl/" + id, s,
        null, details);
  }

  Map<String, Object> trail(Scope s, String controlId, boolean failed) {
    String name = rand.pick("organization-trail", "management-events", s.account().app() + "-trail");
    String arn = "arn:aws:cloudtrail:" + s.region() + ":" + s.accountId() + ":trail/" + name;
    Map<String, Object> details = obj(
        "CloudWatchLogsLogGroupArn", "arn:aws:logs:" + s.region() + ":" + s.accountId()
            + ":log-group:aws-cloudtrail-logs-" + s.accountId() + ":*",
        "HasCustomEventSelectors", rand.chance(0.3),
        "HomeRegion", s.region(),
        "IncludeGlobalServiceEvents", true,
        "IsMultiRegionTrail", true,
        "IsOrganizationTrail", name.equals("organization-trail"),
        "KmsKeyId", failed && controlId.equals("CloudTrail.2") ? null : kmsArn(s),
        "LogFileValidationEnabled", !(failed && controlId.equals("CloudTrail.4")),
        "Name", name,
        "S3BucketName", "aws-cloudtrail-logs-" + s.accountId() + "-" + rand.hex(8),
        "TrailArn", arn);
    return resource("AwsCloudTrailTrail", arn, s, null, details);
  }

  Map<String, Object> kmsKey(Scope s, boolean failed) {
    String keyId = rand.uuid();
    Map<String, Object> details = obj(
        "AWSAccountId", s.accountId(),
        "CreationDate", (double) rand.before(fleet.base(), Duration.ofDays(1500)).getEpochSecond(),
        "KeyId", keyId,
        "KeyManager", "CUSTOMER",
        "KeyState", "Enabled",
        "Origin", "AWS_KMS",
        "Description", s.account().app() + " data key",
        "KeyRotationStatus", !failed);
    return resource("AwsKmsKey", "arn:aws:kms:" + s.region() + ":" + s.accountId() + ":key/" + keyId, s,
        fleet.tags(s, null), details);
  }

  Map<String, Object> efs(Scope s, boolean failed) {
    String id = "fs-0" + rand.hex(16);
    Map<String, Object> details = obj("FileSystemId", id, "Encrypted", !failed,
        "KmsKeyId", failed ? null : kmsArn(s));
    return resource("AwsEfsFileSystem", "arn:aws:elasticfilesystem:" + s.region() + ":" + s.accountId()
        + ":file-system/" + id, s, fleet.tags(s, s.account().app() + "-shared"), details);
  }

  String kmsArn(Scope s) {
    return "arn:aws:kms:" + s.region() + ":" + s.accountId() + ":key/" + rand.uuid();
  }

  static String iso(java.time.Instant t) {
    return Timestamps.format(t);
  }
}

package dev.riskline.bench;

import static dev.riskline.bench.Resources.iso;
import static dev.riskline.bench.Resources.resource;
import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import dev.riskline.bench.Fleet.Scope;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** ASFF resources for compute and databases: EC2 instances, Lambda functions, ECR repositories and images, RDS. */
final class Compute {
  static final List<String> RUNTIMES = List.of("nodejs18.x", "nodejs20.x", "python3.11", "python3.12", "java17",
      "java21", "python3.9");
  static final List<String> DEPRECATED_RUNTIMES = List.of("nodejs14.x", "python3.7", "java8", "nodejs16.x");
  private static final List<String> INSTANCE_TYPES = List.of("t3.medium", "t3.large", "m5.large", "m6i.xlarge",
      "c6g.large", "r5.2xlarge", "t2.micro", "m7g.large");

  private Compute() {}

  /** An EC2 instance no control is checking. */
  static Map<String, Object> ec2(Fleet fleet, Scope s, String instanceId, String name) {
    return ec2(fleet, s, instanceId, name, "", false);
  }

  /** An EC2 instance; fails EC2.8 with IMDSv1 allowed and EC2.9 with a public address. */
  static Map<String, Object> ec2(Fleet fleet, Scope s, String instanceId, String name, String controlId,
      boolean failed) {
    Rand rand = fleet.rand();
    boolean imdsV1 = failed && controlId.equals("EC2.8") || !failed && rand.chance(0.3);
    boolean publicIp = failed && controlId.equals("EC2.9") || rand.chance(0.25);
    List<Object> ips = publicIp ? list(fleet.publicIp(), fleet.privateIp()) : list(fleet.privateIp());
    Map<String, Object> details = obj(
        "Type", rand.pick(INSTANCE_TYPES),
        "ImageId", fleet.amiId(),
        "IpV4Addresses", ips,
        "KeyName", rand.chance(0.6) ? s.account().app() + "-" + s.account().env() + "-key" : null,
        "IamInstanceProfileArn", "arn:aws:iam::" + s.accountId() + ":instance-profile/" + name + "-profile",
        "VpcId", fleet.vpcId(),
        "SubnetId", fleet.subnetId(),
        "LaunchedAt", iso(rand.before(fleet.base(), Duration.ofDays(400))),
        "NetworkInterfaces", list(obj("NetworkInterfaceId", "eni-0" + rand.hex(16))),
        "VirtualizationType", "hvm",
        "MetadataOptions", obj("HttpEndpoint", "enabled", "HttpProtocolIpv6", "disabled",
            "HttpPutResponseHopLimit", imdsV1 ? 1 : 2, "HttpTokens", imdsV1 ? "optional" : "required",
            "InstanceMetadataTags", "disabled"),
        "Monitoring", obj("State", rand.chance(0.3) ? "enabled" : "disabled"));
    return resource("AwsEc2Instance", ec2Arn(s, instanceId), s, fleet.tags(s, name), details);
  }

  static String ec2Arn(Scope s, String instanceId) {
    return "arn:aws:ec2:" + s.region() + ":" + s.accountId() + ":instance/" + instanceId;
  }

  /** An RDS DB instance; fails RDS.2 public, RDS.3 unencrypted, RDS.13 without minor version upgrades. */
  static Map<String, Object> rds(Fleet fleet, Scope s, String controlId, boolean failed) {
    Rand rand = fleet.rand();
    String id = s.account().app() + "-" + rand.pick("db", "primary", "reporting", "orders", "ledger") + "-"
        + s.account().env();
    boolean postgres = rand.chance(0.6);
    Map<String, Object> details = obj(
        "DBInstanceIdentifier", id,
        "DBInstanceClass", rand.pick("db.r6g.large", "db.t3.medium", "db.m6g.xlarge", "db.r5.2xlarge"),
        "DbInstancePort", postgres ? 5432 : 3306,
        "DbiResourceId", "db-" + rand.upper(26),
        "Engine", postgres ? "postgres" : "mysql",
        "EngineVersion", postgres ? rand.pick("15.4", "14.9", "13.12", "16.1") : rand.pick("8.0.35", "5.7.44"),
        "Endpoint", obj("Address", id + "." + rand.hex(12) + "." + s.region() + ".rds.amazonaws.com",
            "Port", postgres ? 5432 : 3306, "HostedZoneId", "Z2R2ITUGPM61AM"),
        "AllocatedStorage", rand.pick(20, 100, 250, 500, 1000),
        "InstanceCreateTime", iso(rand.before(fleet.base(), Duration.ofDays(1200))),
        "StorageEncrypted", !(failed && controlId.equals("RDS.3")),
        "PubliclyAccessible", failed && controlId.equals("RDS.2"),
        "MultiAz", s.account().production(),
        "AutoMinorVersionUpgrade", !(failed && controlId.equals("RDS.13")),
        "BackupRetentionPeriod", rand.pick(1, 7, 14, 35),
        "DeletionProtection", s.account().production(),
        "IamDatabaseAuthenticationEnabled", rand.chance(0.3),
        "StorageType", "gp3",
        "VpcSecurityGroups", list(obj("VpcSecurityGroupId", fleet.securityGroupId(), "Status", "active")));
    return resource("AwsRdsDbInstance", "arn:aws:rds:" + s.region() + ":" + s.accountId() + ":db:" + id, s,
        fleet.tags(s, id), details);
  }

  /** A Lambda function on the given runtime. */
  static Map<String, Object> lambda(Fleet fleet, Scope s, String name, String runtime) {
    Rand rand = fleet.rand();
    Map<String, Object> details = obj(
        "FunctionName", name,
        "Runtime", runtime,
        "Role", "arn:aws:iam::" + s.accountId() + ":role/" + name + "-exec",
        "Handler", handler(runtime),
        "CodeSha256", java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(rand.hex(64))),
        "LastModified", iso(rand.before(fleet.base(), Duration.ofDays(300))).replace("Z", "+0000"),
        "MemorySize", rand.pick(128, 256, 512, 1024),
        "Timeout", rand.pick(3, 15, 30, 60, 300),
        "Version", "$LATEST",
        "PackageType", "Zip",
        "Architectures", list(rand.chance(0.4) ? "arm64" : "x86_64"),
        "TracingConfig", obj("Mode", "PassThrough"));
    return resource("AwsLambdaFunction", lambdaArn(s, name), s, fleet.tags(s, name), details);
  }

  static String lambdaArn(Scope s, String name) {
    return "arn:aws:lambda:" + s.region() + ":" + s.accountId() + ":function:" + name;
  }

  private static String handler(String runtime) {
    if (runtime.startsWith("nodejs")) return "index.handler";
    if (runtime.startsWith("python")) return "app.lambda_handler";
    return "com.acme.Handler::handleRequest";
  }

  /** A private ECR repository; fails ECR.1 when scan on push is off. */
  static Map<String, Object> ecrRepository(Fleet fleet, Scope s, boolean failed) {
    String name = s.account().app() + "/" + fleet.rand().pick("api", "worker", "web", "batch", "migrations");
    String arn = "arn:aws:ecr:" + s.region() + ":" + s.accountId() + ":repository/" + name;
    Map<String, Object> details = obj("Arn", arn, "RepositoryName", name,
        "ImageScanningConfiguration", obj("ScanOnPush", !failed), "ImageTagMutability", "MUTABLE");
    return resource("AwsEcrRepository", arn, s, fleet.tags(s, name), details);
  }

  /** A container image in a private ECR repository. */
  static Map<String, Object> ecrImage(Fleet fleet, Scope s, String repository, String digest, List<Object> tags,
      String publishedAt) {
    Map<String, Object> details = obj("RegistryId", s.accountId(), "RepositoryName", repository,
        "Architecture", "amd64", "ImageDigest", digest, "ImageTags", tags, "ImagePublishedAt", publishedAt);
    return resource("AwsEcrContainerImage", "arn:aws:ecr:" + s.region() + ":" + s.accountId() + ":repository/"
        + repository + "/" + digest, s, null, details);
  }
}

package dev.riskline.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code resources} of an Inspector finding as ASFF {@code Resources}: type names, ids, partition,
 * region, tags and the typed {@code Details} ASFF has for EC2 instances, ECR container images, Lambda
 * functions and code repositories. Inspector shapes: [IN2-MODEL] {@code Resource}, {@code ResourceDetails}
 * (reference §6.1); ASFF shapes: [SH-MODEL] {@code Resource}, {@code ResourceDetails} (§1.6). Only the EC2
 * mapping is documented (§1.12, §6.3); the others are INFERRED by matching member names. Thread-safe: no state.
 */
final class InspectorResources {
  private static final Map<String, String> TYPES = Map.of(
      "AWS_EC2_INSTANCE", "AwsEc2Instance",
      "AWS_ECR_CONTAINER_IMAGE", "AwsEcrContainerImage",
      "AWS_ECR_REPOSITORY", "AwsEcrRepository",
      "AWS_LAMBDA_FUNCTION", "AwsLambdaFunction",
      "CODE_REPOSITORY", "CodeRepository");

  private InspectorResources() {}

  /**
   * The mapped resources, and what Security Hub also shows of them in {@code ProductFields}.
   *
   * @param resources ASFF {@code Resources}
   * @param instanceId the id of the first EC2 instance ({@code aws/inspector/instanceId}), or null
   * @param platforms {@code aws/inspector/resources/<n>/resourceDetails/awsEc2InstanceDetails/platform}
   */
  record Mapped(List<Map<String, Object>> resources, String instanceId, Map<String, String> platforms) {}

  static Mapped map(Fields in, String partition, String region, String account) {
    Object raw = in.raw("resources");
    if (raw == null) {
      in.missing("resources");
    } else if (raw instanceof List<?> l && l.isEmpty()) {
      in.problem(in.path("resources"), "expected a non-empty array but was an empty array");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    String instanceId = null;
    Map<String, String> platforms = new LinkedHashMap<>();
    List<Fields> items = in.objects("resources");
    for (int i = 0; i < items.size(); i++) {
      Fields r = items.get(i);
      String type = r.required("type");
      String id = r.required("id");
      String at = orElse(r.text("region"), region);
      String part = orElse(r.text("partition"), partition);
      Fields details = r.object("details");
      boolean ec2 = "AWS_EC2_INSTANCE".equals(type);
      if (ec2) {
        if (id != null && instanceId == null) instanceId = instanceId(id);
        String platform = details.object("awsEc2Instance").string("platform");
        if (platform != null) platforms.put(platformField(i), platform);
        id = ec2Arn(id, part, at, account);
      }
      String asffType = type == null ? null : TYPES.getOrDefault(type, "Other");
      Map<String, Object> res = Tree.object();
      Tree.put(res, "Type", asffType);
      Tree.put(res, "Id", id);
      Tree.put(res, "Partition", part);
      Tree.put(res, "Region", at);
      Tree.put(res, "Tags", r.stringMap("tags"));
      Tree.put(res, "Details", asffType == null ? null : details(details, asffType, type));
      out.add(res);
    }
    return new Mapped(out, instanceId, platforms);
  }

  private static String platformField(int index) {
    return "aws/inspector/resources/" + (index + 1) + "/resourceDetails/awsEc2InstanceDetails/platform";
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }

  /**
   * The ARN of an EC2 instance given by its id. AWS's documented example (reference §1.12) shows
   * {@code arn:aws:ec2:us-east-1:123456789012:i-0f1ed287081bdf0fb}, without the {@code instance/} segment;
   * the ARN format of EC2 instances has it, and so do the ids Security Hub gives EC2 instances elsewhere,
   * so it is written here.
   */
  static String ec2Arn(String id, String partition, String region, String account) {
    if (id == null || id.startsWith("arn:")) return id;
    return "arn:" + partition + ":ec2:" + region + ":" + account + ":instance/" + id;
  }

  private static String instanceId(String id) {
    int slash = id.lastIndexOf("instance/");
    return slash >= 0 ? id.substring(slash + "instance/".length()) : id;
  }

  private static Map<String, Object> details(Fields d, String asffType, String inspectorType) {
    Map<String, Object> details = Tree.object();
    switch (asffType) {
      case "AwsEc2Instance" -> Tree.put(details, asffType, ec2(d.object("awsEc2Instance")));
      case "AwsEcrContainerImage" -> Tree.put(details, asffType, image(d.object("awsEcrContainerImage")));
      case "AwsLambdaFunction" -> Tree.put(details, asffType, lambda(d.object("awsLambdaFunction")));
      case "CodeRepository" -> Tree.put(details, asffType, codeRepository(d.object("codeRepository")));
      case "Other" -> details.put("Other", Map.of("Type", inspectorType));
      default -> { } // AwsEcrRepository: Inspector sends no details for it
    }
    return details;
  }

  private static Map<String, Object> ec2(Fields d) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "Type", d.string("type"));
    Tree.put(out, "ImageId", d.string("imageId"));
    Tree.put(out, "IpV4Addresses", d.strings("ipV4Addresses"));
    Tree.put(out, "IpV6Addresses", d.strings("ipV6Addresses"));
    Tree.put(out, "KeyName", d.string("keyName"));
    Tree.put(out, "IamInstanceProfileArn", d.string("iamInstanceProfileArn"));
    Tree.put(out, "VpcId", d.string("vpcId"));
    Tree.put(out, "SubnetId", d.string("subnetId"));
    Tree.putTime(out, "LaunchedAt", d.time("launchedAt", false));
    return out;
  }

  private static Map<String, Object> image(Fields d) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "RegistryId", d.string("registry"));
    Tree.put(out, "RepositoryName", d.string("repositoryName"));
    Tree.put(out, "Architecture", d.string("architecture"));
    Tree.put(out, "ImageDigest", d.string("imageHash"));
    Tree.put(out, "ImageTags", d.strings("imageTags"));
    Tree.putTime(out, "ImagePublishedAt", d.time("pushedAt", false));
    return out;
  }

  private static Map<String, Object> lambda(Fields d) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "FunctionName", d.string("functionName"));
    Tree.put(out, "Runtime", d.string("runtime"));
    Tree.put(out, "Version", d.string("version"));
    Tree.put(out, "Role", d.string("executionRoleArn"));
    Tree.put(out, "CodeSha256", d.string("codeSha256"));
    Tree.putTime(out, "LastModified", d.time("lastModifiedAt", false));
    List<Map<String, Object>> layers = new ArrayList<>();
    for (String arn : d.strings("layers")) layers.add(Map.of("Arn", arn));
    Tree.put(out, "Layers", layers);
    Fields vpc = d.object("vpcConfig");
    Map<String, Object> vpcConfig = Tree.object();
    Tree.put(vpcConfig, "SecurityGroupIds", vpc.strings("securityGroupIds"));
    Tree.put(vpcConfig, "SubnetIds", vpc.strings("subnetIds"));
    Tree.put(vpcConfig, "VpcId", vpc.string("vpcId"));
    Tree.put(out, "VpcConfig", vpcConfig);
    Tree.put(out, "PackageType", d.string("packageType"));
    Tree.put(out, "Architectures", d.strings("architectures"));
    return out;
  }

  private static Map<String, Object> codeRepository(Fields d) {
    Map<String, Object> out = Tree.object();
    Tree.put(out, "ProviderType", d.string("providerType"));
    Tree.put(out, "ProjectName", d.string("projectName"));
    Tree.put(out, "CodeSecurityIntegrationArn", d.string("integrationArn"));
    return out;
  }
}

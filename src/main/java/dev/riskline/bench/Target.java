package dev.riskline.bench;

import dev.riskline.bench.Fleet.Scope;
import java.util.Map;

/**
 * What Amazon Inspector scanned: an EC2 instance, an ECR container image or a Lambda function, with the
 * package families found on it. Scans of one target produce several findings, so a target is reused.
 *
 * @param type Inspector's resource type: {@code AWS_EC2_INSTANCE}, {@code AWS_ECR_CONTAINER_IMAGE},
 *     {@code AWS_LAMBDA_FUNCTION}
 * @param nativeId Inspector's resource id: the instance id, or the image or function ARN
 * @param resource the ASFF {@code Resources[]} entry; shared, copy it before use
 * @param platform Inspector's platform ({@code AMAZON_LINUX_2}, {@code DEBIAN_12}, ...) or the Lambda runtime
 * @param osFamily the OS package family ({@code AL2}, {@code AL2023}, {@code UBUNTU}, {@code DEBIAN},
 *     {@code ALPINE}), or null
 * @param appManager the application package manager ({@code JAR}, {@code NODEPKG}, {@code PYTHONPKG},
 *     {@code GOBINARY}), or null
 * @param component the application component name, for file paths
 */
record Target(String type, Scope scope, String nativeId, Map<String, Object> resource, String platform,
    String osFamily, String appManager, String component) {

  boolean ec2() {
    return type.equals("AWS_EC2_INSTANCE");
  }

  boolean ecr() {
    return type.equals("AWS_ECR_CONTAINER_IMAGE");
  }

  boolean lambda() {
    return type.equals("AWS_LAMBDA_FUNCTION");
  }

  /** Whether a well-known CVE of this package family can be found here. */
  boolean fits(String family) {
    return switch (family) {
      case "AL" -> "AL2".equals(osFamily) || "AL2023".equals(osFamily);
      case "DEB" -> "DEBIAN".equals(osFamily) || "UBUNTU".equals(osFamily);
      case "JAR" -> "JAR".equals(appManager);
      case "GO" -> "GOBINARY".equals(appManager);
      default -> false;
    };
  }
}

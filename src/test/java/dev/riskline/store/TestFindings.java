package dev.riskline.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import java.util.LinkedHashMap;
import java.util.Map;

/** Valid ASFF findings for store tests: one failed Security Hub control check, changed per test. */
final class TestFindings {
  static final String PRODUCT_ARN = "arn:aws:securityhub:eu-west-1::product/aws/securityhub";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Object> BASE = json("""
      {
        "SchemaVersion": "2018-10-08",
        "Id": "set-by-test",
        "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/securityhub",
        "ProductName": "Security Hub",
        "CompanyName": "AWS",
        "Region": "eu-west-1",
        "GeneratorId": "security-control/S3.8",
        "AwsAccountId": "111122223333",
        "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
        "CreatedAt": "2026-01-05T10:00:00.000Z",
        "UpdatedAt": "2026-01-05T10:00:00.000Z",
        "Severity": {"Label": "HIGH"},
        "Title": "S3 general purpose buckets should block public access",
        "Description": "This control checks whether an S3 bucket blocks public access.",
        "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::example-bucket", "Region": "eu-west-1"}],
        "Compliance": {"Status": "FAILED", "SecurityControlId": "S3.8"},
        "ProductFields": {"riskline/test": "unknown fields survive"}
      }
      """);

  private TestFindings() {}

  /** The base finding with this id and UpdatedAt. */
  static Finding finding(String id, String updatedAt) {
    return finding(id, updatedAt, "{}");
  }

  /** The base finding with this id and UpdatedAt, and these top-level attributes replaced. */
  static Finding finding(String id, String updatedAt, String changes) {
    Map<String, Object> tree = new LinkedHashMap<>(BASE);
    tree.put("Id", id);
    tree.put("UpdatedAt", updatedAt);
    tree.putAll(json(changes));
    return Finding.of(tree);
  }

  static Map<String, Object> json(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String toJson(Finding finding) {
    try {
      return MAPPER.writeValueAsString(finding.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

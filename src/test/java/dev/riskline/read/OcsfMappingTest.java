package dev.riskline.read;

import static dev.riskline.read.MappingCasesTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.riskline.finding.Asff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OcsfMappingTest {
  private static final String FINDING = """
      {
        "class_uid": 2004,
        "cloud": {"account": {"uid": "123456789012"}, "provider": "aws", "region": "eu-west-1"},
        "finding_info": {
          "title": "Check if S3 buckets have secure transport policy.",
          "uid": "prowler-aws-s3_bucket_secure_transport_policy-123456789012-eu-west-1-bucket"
        },
        "metadata": {"event_code": "s3_bucket_secure_transport_policy",
                     "product": {"name": "Prowler", "vendor_name": "Prowler", "version": "5.2.3"}},
        "resources": [{"region": "eu-west-1", "type": "AwsS3Bucket", "uid": "arn:aws:s3:::bucket"}],
        "severity": "Medium",
        "status": "New",
        "status_code": "FAIL",
        "time": 1739539623
      }
      """;

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "Informational, INFORMATIONAL", "Low, LOW", "Medium, MEDIUM", "High, HIGH", "Critical, CRITICAL",
      "Fatal, CRITICAL", "Other, INFORMATIONAL", "Unknown, INFORMATIONAL", "HIGH, HIGH", "critical, CRITICAL"})
  void ocsf_severity_becomes_an_asff_label_keeping_the_original(String severity, String label) throws Exception {
    Map<String, Object> asff = map("severity", severity);

    assertThat(asff.get("Severity")).isEqualTo(Map.of("Label", label,
        "Normalized", Asff.SeverityLabel.valueOf(label).normalized(), "Original", severity));
  }

  @Test
  void severity_id_is_read_when_the_severity_name_is_missing() throws Exception {
    Map<String, Object> asff = map("severity", null, "severity_id", 6);

    assertThat(asff.get("Severity")).isEqualTo(Map.of("Label", "CRITICAL", "Normalized", 90, "Original", "Fatal"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"FAIL, FAILED", "PASS, PASSED", "MANUAL, WARNING", ", NOT_AVAILABLE"})
  void status_code_becomes_the_compliance_status(String statusCode, String status) throws Exception {
    Map<String, Object> asff = map("status_code", statusCode);

    assertThat(((Map<?, ?>) asff.get("Compliance")).get("Status")).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"New, NEW", "Suppressed, SUPPRESSED", "Resolved, RESOLVED", "In Progress, NEW"})
  void ocsf_status_becomes_the_workflow_status(String ocsfStatus, String workflow) throws Exception {
    assertThat(map("status", ocsfStatus).get("Workflow")).isEqualTo(Map.of("Status", workflow));
  }

  @Test
  void muted_result_is_suppressed_and_keeps_its_compliance_status() throws Exception {
    Map<String, Object> asff = map("status", null, "muted", true);

    assertThat(asff.get("Workflow")).isEqualTo(Map.of("Status", "SUPPRESSED"));
    assertThat(((Map<?, ?>) asff.get("Compliance")).get("Status")).isEqualTo("FAILED");
    assertThat(asff.get("RecordState")).isEqualTo("ACTIVE");
  }

  @Test
  void epoch_milliseconds_epoch_seconds_and_iso_text_are_the_same_instant() throws Exception {
    Map<String, Object> seconds = map("time", 1739539623);
    Map<String, Object> millis = map("time", 1739539623000L);
    Map<String, Object> iso = map("time", null, "time_dt", "2025-02-14T13:27:03Z");

    assertThat(List.of(seconds, millis, iso)).extracting(f -> f.get("UpdatedAt")).containsOnly("2025-02-14T13:27:03Z");
  }

  @Test
  void the_time_number_wins_over_its_text_twin_which_may_be_local_time() throws Exception {
    Map<String, Object> asff = map("time", 1739539623, "time_dt", "2025-02-14T14:27:03.913874");

    assertThat(asff.get("UpdatedAt")).isEqualTo("2025-02-14T13:27:03Z");
  }

  @Test
  void first_and_last_seen_times_are_the_observed_times() throws Exception {
    Map<String, Object> asff = mapWith("""
        {"finding_info": {"title": "t", "uid": "u", "created_time": 1739000000000, "first_seen_time": 1738000000000,
                          "last_seen_time": 1739500000000}}
        """);

    assertThat(asff).containsEntry("FirstObservedAt", "2025-01-27T17:46:40Z")
        .containsEntry("CreatedAt", "2025-02-08T07:33:20Z")
        .containsEntry("LastObservedAt", "2025-02-14T02:26:40Z")
        .containsEntry("UpdatedAt", "2025-02-14T13:27:03Z");
  }

  @Test
  void other_products_get_their_own_product_arn_and_no_prowler_fields() throws Exception {
    Map<String, Object> asff = mapWith("""
        {"metadata": {"product": {"name": "GuardDuty", "vendor_name": "AWS"}}}
        """);

    assertThat(asff).containsEntry("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/guardduty")
        .containsEntry("ProductName", "GuardDuty").containsEntry("CompanyName", "AWS");
    assertThat(asff.get("ProductFields")).isEqualTo(Map.of("ProviderName", "GuardDuty", "StatusCode", "FAIL"));
  }

  @Test
  void generator_is_the_event_code_else_the_finding_uid() throws Exception {
    Map<String, Object> withCode = map();
    Map<String, Object> withoutCode = mapWith("""
        {"metadata": {"product": {"name": "Prowler"}}}
        """);

    assertThat(withCode.get("GeneratorId")).isEqualTo("s3_bucket_secure_transport_policy");
    assertThat(withoutCode.get("GeneratorId"))
        .isEqualTo("prowler-aws-s3_bucket_secure_transport_policy-123456789012-eu-west-1-bucket");
  }

  @Test
  void finding_without_resources_is_about_its_account() throws Exception {
    Map<String, Object> asff = map("resources", null);

    assertThat(asff.get("Resources")).isEqualTo(List.of(Map.of("Type", "AwsAccount",
        "Id", "AWS::::Account:123456789012", "Partition", "aws", "Region", "eu-west-1")));
  }

  @Test
  void resource_type_that_is_no_asff_name_is_other_and_kept_in_details() throws Exception {
    Map<String, Object> asff = map("resources", List.of(Map.of("uid", "arn:aws:s3:::bucket", "type", "AWS::S3::Bucket")));

    assertThat(resource(asff)).containsEntry("Type", "Other")
        .containsEntry("Details", Map.of("Other", Map.of("Type", "AWS::S3::Bucket")));
  }

  @Test
  void labels_and_tag_objects_become_tags() throws Exception {
    Map<String, Object> asff = map("resources", List.of(Map.of("uid", "arn:aws:s3:::bucket", "type", "AwsS3Bucket",
        "labels", List.of("Environment:prod", "Owner: billing-team", "url:https://example.com"),
        "tags", List.of(Map.of("name", "CostCenter", "value", "1234")))));

    assertThat(resource(asff).get("Tags")).isEqualTo(Map.of("Environment", "prod", "Owner", "billing-team",
        "url", "https://example.com", "CostCenter", "1234"));
  }

  @Test
  void related_requirements_are_framework_slash_id_and_stop_at_32() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 40; i++) ids.add("1." + i);
    Map<String, Object> asff = map("unmapped", Map.of("compliance", Map.of("CIS-3.0", ids)));

    @SuppressWarnings("unchecked")
    List<String> requirements = (List<String>) ((Map<?, ?>) asff.get("Compliance")).get("RelatedRequirements");
    assertThat(requirements).hasSize(32).startsWith("CIS-3.0/1.1", "CIS-3.0/1.2").endsWith("CIS-3.0/1.32");
  }

  @Test
  void remediation_url_is_the_first_web_address_and_the_text_is_cut_to_512() throws Exception {
    Map<String, Object> asff = map("remediation", Map.of("desc", "Enable it. ".repeat(60),
        "references", List.of("No command available.", "aws s3api put-bucket-policy", "https://docs.example.com/a")));

    Map<?, ?> recommendation = (Map<?, ?>) ((Map<?, ?>) asff.get("Remediation")).get("Recommendation");
    assertThat((String) recommendation.get("Text")).hasSize(512).endsWith("…");
    assertThat(recommendation.get("Url")).isEqualTo("https://docs.example.com/a");
  }

  @Test
  void types_are_kept_when_they_are_asff_type_paths_else_the_standards_type() throws Exception {
    Map<String, Object> bestPractice = mapWith("""
        {"finding_info": {"title": "t", "uid": "u",
                          "types": ["Software and Configuration Checks/AWS Security Best Practices", "IAM"]}}
        """);
    Map<String, Object> parts = mapWith("""
        {"finding_info": {"title": "t", "uid": "u",
                          "types": ["Software and Configuration Checks", "Industry and Regulatory Standards"]}}
        """);

    assertThat(bestPractice.get("Types")).isEqualTo(List.of("Software and Configuration Checks/AWS Security Best Practices"));
    assertThat(parts.get("Types")).isEqualTo(List.of("Software and Configuration Checks/Industry and Regulatory Standards"));
  }

  @Test
  void mapped_finding_is_valid_asff_and_a_fresh_tree() throws Exception {
    Map<String, Object> asff = map();

    assertThat(Asff.validate(asff)).isEmpty();
    assertThat(asff).isInstanceOf(LinkedHashMap.class);
  }

  // ---- helpers ----

  /** The base finding with {@code key, value} pairs replaced (null removes), mapped. */
  private static Map<String, Object> map(Object... changes) throws JsonProcessingException {
    Map<String, Object> finding = JSON.readValue(FINDING, MappingCasesTest.tree());
    for (int i = 0; i < changes.length; i += 2) {
      if (changes[i + 1] == null) finding.remove((String) changes[i]);
      else finding.put((String) changes[i], changes[i + 1]);
    }
    return OcsfMapping.toAsff(finding);
  }

  /** The base finding with the members of a JSON object added or replaced, mapped. */
  private static Map<String, Object> mapWith(String members) throws JsonProcessingException {
    Map<String, Object> finding = JSON.readValue(FINDING, MappingCasesTest.tree());
    finding.putAll(JSON.readValue(members, MappingCasesTest.tree()));
    return OcsfMapping.toAsff(finding);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resource(Map<String, Object> asff) {
    return ((List<Map<String, Object>>) asff.get("Resources")).get(0);
  }
}

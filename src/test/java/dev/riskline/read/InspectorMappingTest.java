package dev.riskline.read;

import static dev.riskline.read.MappingCasesTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.riskline.finding.Asff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectorMappingTest {
  private static final String FINDING = """
      {
        "awsAccountId": "123456789012",
        "description": "A flaw in example-lib allows remote code execution.",
        "findingArn": "arn:aws:inspector2:us-east-1:123456789012:finding/00112233445566778899aabbccddeeff",
        "firstObservedAt": "2024-09-04T16:59:44.356Z",
        "lastObservedAt": "2024-09-05T16:59:44.356Z",
        "packageVulnerabilityDetails": {"source": "NVD", "vulnerabilityId": "CVE-2024-0001"},
        "resources": [{"id": "i-0123456789abcdef0", "region": "us-east-1", "type": "AWS_EC2_INSTANCE"}],
        "severity": "HIGH",
        "status": "ACTIVE",
        "title": "CVE-2024-0001 - example-lib",
        "type": "PACKAGE_VULNERABILITY"
      }
      """;

  @Test
  void closed_inspector_finding_is_archived_and_resolved() throws Exception {
    Map<String, Object> asff = map("status", "CLOSED");

    assertThat(asff.get("RecordState")).isEqualTo("ARCHIVED");
    assertThat(asff.get("Workflow")).isEqualTo(Map.of("Status", "RESOLVED"));
    assertThat(productFields(asff)).containsEntry("aws/inspector/FindingStatus", "CLOSED");
  }

  @Test
  void suppressed_inspector_finding_stays_active_and_is_suppressed() throws Exception {
    Map<String, Object> asff = map("status", "SUPPRESSED");

    assertThat(asff.get("RecordState")).isEqualTo("ACTIVE");
    assertThat(asff.get("Workflow")).isEqualTo(Map.of("Status", "SUPPRESSED"));
  }

  @Test
  void active_inspector_finding_is_new() throws Exception {
    Map<String, Object> asff = map();

    assertThat(asff.get("RecordState")).isEqualTo("ACTIVE");
    assertThat(asff.get("Workflow")).isEqualTo(Map.of("Status", "NEW"));
  }

  @Test
  void untriaged_severity_is_shown_as_informational_keeping_the_original() throws Exception {
    Map<String, Object> asff = map("severity", "UNTRIAGED");

    assertThat(asff.get("Severity")).isEqualTo(Map.of("Label", "INFORMATIONAL", "Normalized", 0, "Original", "UNTRIAGED"));
    assertThat(((Map<?, ?>) asff.get("FindingProviderFields")).get("Severity"))
        .isEqualTo(Map.of("Label", "INFORMATIONAL", "Original", "UNTRIAGED"));
  }

  @Test
  void timestamps_as_iso_event_text_or_epoch_seconds_are_the_same_instant() throws Exception {
    Map<String, Object> iso = map("firstObservedAt", "2024-09-04T16:59:44.356000+00:00");
    Map<String, Object> event = map("firstObservedAt", "Wed Sep 04 16:59:44.356 UTC 2024");
    Map<String, Object> epoch = map("firstObservedAt", 1725469184.356);

    assertThat(List.of(iso, event, epoch)).extracting(f -> f.get("FirstObservedAt"), f -> f.get("CreatedAt"))
        .containsOnly(tuple("2024-09-04T16:59:44.356Z", "2024-09-04T16:59:44.356Z"));
  }

  @Test
  void updated_at_is_last_observed_at_when_inspector_gives_none() throws Exception {
    Map<String, Object> asff = map();

    assertThat(asff.get("UpdatedAt")).isEqualTo("2024-09-05T16:59:44.356Z");
    assertThat(map("updatedAt", "2024-09-06T00:00:00Z").get("UpdatedAt")).isEqualTo("2024-09-06T00:00:00Z");
  }

  @Test
  void ec2_instance_id_becomes_an_instance_arn_and_an_arn_is_kept() throws Exception {
    String arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0";
    Map<String, Object> fromId = map();
    Map<String, Object> fromArn = map("resources",
        List.of(Map.of("id", arn, "region", "us-east-1", "type", "AWS_EC2_INSTANCE")));

    assertThat(resource(fromId).get("Id")).isEqualTo(arn);
    assertThat(resource(fromArn).get("Id")).isEqualTo(arn);
    assertThat(productFields(fromArn)).containsEntry("aws/inspector/instanceId", "i-0123456789abcdef0");
  }

  @Test
  void region_comes_from_the_first_resource_when_the_finding_arn_has_none() throws Exception {
    Map<String, Object> asff = map("findingArn", "00112233445566778899aabbccddeeff");

    assertThat(asff.get("Region")).isEqualTo("us-east-1");
    assertThat(asff.get("ProductArn")).isEqualTo("arn:aws:securityhub:us-east-1::product/aws/inspector");
  }

  @Test
  void unknown_resource_type_is_other_and_keeps_the_inspector_type() throws Exception {
    Map<String, Object> asff = map("resources", List.of(Map.of("id",
        "/subscriptions/0000/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/web-1",
        "region", "westeurope", "type", "Microsoft.Compute/virtualMachines")));

    assertThat(resource(asff)).containsEntry("Type", "Other")
        .containsEntry("Details", Map.of("Other", Map.of("Type", "Microsoft.Compute/virtualMachines")));
  }

  @Test
  void epss_score_given_as_a_numeric_string_is_written_as_a_number() throws Exception {
    Map<String, Object> asff = map("epss", Map.of("score", "0.00239"));

    assertThat(vulnerability(asff).get("EpssScore")).isEqualTo(0.00239);
  }

  @Test
  void inspector_score_adjustments_are_kept_on_an_extra_cvss_entry() throws Exception {
    Map<String, Object> asff = mapWith("""
        {"inspectorScore": 5.3, "inspectorScoreDetails": {"adjustedCvss": {
          "adjustments": [{"metric": "AttackVector", "reason": "No internet-reachable path"}],
          "cvssSource": "NVD", "score": 5.3, "scoreSource": "NVD",
          "scoringVector": "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", "version": "3.1"}}}
        """);

    assertThat(productFields(asff)).containsEntry("aws/inspector/inspectorScore", "5.3");
    assertThat(vulnerability(asff).get("Cvss")).isEqualTo(List.of(Map.of("Version", "3.1", "BaseScore", 5.3,
        "BaseVector", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", "Source", "NVD",
        "Adjustments", List.of(Map.of("Metric", "AttackVector", "Reason", "No internet-reachable path")))));
  }

  @Test
  void title_longer_than_asff_allows_is_cut_to_256_characters() throws Exception {
    Map<String, Object> asff = map("title", "CVE-2024-0001 - " + "x".repeat(400));

    assertThat((String) asff.get("Title")).hasSize(256).endsWith("x…");
    assertThat(Asff.validate(asff)).isEmpty();
  }

  @Test
  void mapped_finding_is_a_fresh_tree_that_leaves_the_input_alone() throws Exception {
    Map<String, Object> input = JSON.readValue(FINDING, MappingCasesTest.tree());
    String before = JSON.writeValueAsString(input);

    Map<String, Object> asff = InspectorMapping.toAsff(input);

    assertThat(JSON.writeValueAsString(input)).isEqualTo(before);
    assertThat(asff).isInstanceOf(LinkedHashMap.class);
  }

  // ---- helpers ----

  /** The base finding with {@code key, value} pairs replaced, mapped. */
  private static Map<String, Object> map(Object... changes) throws JsonProcessingException {
    Map<String, Object> finding = JSON.readValue(FINDING, MappingCasesTest.tree());
    for (int i = 0; i < changes.length; i += 2) finding.put((String) changes[i], changes[i + 1]);
    return InspectorMapping.toAsff(finding);
  }

  /** The base finding with the members of a JSON object added or replaced, mapped. */
  private static Map<String, Object> mapWith(String members) throws JsonProcessingException {
    Map<String, Object> finding = JSON.readValue(FINDING, MappingCasesTest.tree());
    finding.putAll(JSON.readValue(members, MappingCasesTest.tree()));
    return InspectorMapping.toAsff(finding);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> productFields(Map<String, Object> asff) {
    return (Map<String, String>) asff.get("ProductFields");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resource(Map<String, Object> asff) {
    return ((List<Map<String, Object>>) asff.get("Resources")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> vulnerability(Map<String, Object> asff) {
    return ((List<Map<String, Object>>) asff.get("Vulnerabilities")).get(0);
  }
}

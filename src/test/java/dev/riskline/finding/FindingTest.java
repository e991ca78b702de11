package dev.riskline.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Asff.ComplianceStatus;
import dev.riskline.finding.Asff.RecordState;
import dev.riskline.finding.Asff.SeverityLabel;
import dev.riskline.finding.Asff.WorkflowStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed access to the fields the engine reads, on the Inspector example of the Security Hub docs (reference §1.12). */
class FindingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSPECTOR = """
      {"SchemaVersion": "2018-10-08", "Id": "arn:aws:inspector2:us-east-1:123456789012:finding/FINDING_ID",
       "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/inspector", "ProductName": "Inspector",
       "CompanyName": "Amazon", "Region": "us-east-1", "GeneratorId": "AWSInspector", "AwsAccountId": "123456789012",
       "Types": ["Software and Configuration Checks/Vulnerabilities/CVE"],
       "FirstObservedAt": "2023-01-31T20:25:38Z", "LastObservedAt": "2023-05-04T18:18:43Z",
       "CreatedAt": "2023-01-31T20:25:38Z", "UpdatedAt": "2023-05-04T18:18:43Z",
       "Severity": {"Label": "HIGH", "Normalized": 70}, "Title": "CVE-2022-34918 - kernel", "Description": "d",
       "ProductFields": {"aws/inspector/inspectorScore": "7.8", "aws/inspector/FindingStatus": "ACTIVE"},
       "Resources": [{"Type": "AwsEc2Instance", "Id": "arn:aws:ec2:us-east-1:123456789012:i-0f1ed287081bdf0fb",
         "Partition": "aws", "Region": "us-east-1", "Tags": {"Patch Group": "SSM", "Name": "High-SEv-Test"},
         "Details": {"AwsEc2Instance": {"Type": "t2.micro", "IpV4Addresses": ["52.87.229.97", "172.31.57.162"]}}}],
       "WorkflowState": "NEW", "Workflow": {"Status": "NEW"}, "RecordState": "ACTIVE",
       "Vulnerabilities": [{"Id": "CVE-2022-34918",
         "VulnerablePackages": [{"Name": "kernel", "Version": "5.10.118", "FixedInVersion": "0:5.10.130-118.517.amzn2",
           "PackageManager": "OS", "Remediation": "yum update kernel"}],
         "Cvss": [{"Version": "2.0", "BaseScore": 7.2, "BaseVector": "AV:L/AC:L/Au:N/C:C/I:C/A:C", "Source": "NVD"},
                  {"Version": "3.1", "BaseScore": 7.8, "BaseVector": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "Source": "NVD"}],
         "FixAvailable": "YES", "ExploitAvailable": "NO", "EpssScore": "0.00239"}],
       "FindingProviderFields": {"Severity": {"Label": "HIGH"}, "Types": ["Software and Configuration Checks/Vulnerabilities/CVE"]},
       "ProcessedAt": "2023-05-05T20:28:38.822Z"}
      """;

  @SuppressWarnings("unchecked")
  private static Finding inspector() throws Exception {
    return Finding.of(JSON.readValue(INSPECTOR, LinkedHashMap.class));
  }

  @Test
  void reads_identity_severity_state_and_times() throws Exception {
    Finding f = inspector();
    assertThat(Asff.validate(f.json())).isEmpty();
    assertThat(f.identity()).isEqualTo(new FindingId("arn:aws:securityhub:us-east-1::product/aws/inspector",
        "arn:aws:inspector2:us-east-1:123456789012:finding/FINDING_ID"));
    assertThat(f.severityLabel()).isEqualTo(SeverityLabel.HIGH);
    assertThat(f.severityNormalized()).isEqualTo(70);
    assertThat(f.workflowStatus()).isEqualTo(WorkflowStatus.NEW);
    assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
    assertThat(f.complianceStatus()).isNull();
    assertThat(f.isControlFinding()).isFalse();
    assertThat(f.updatedAt()).isEqualTo(Instant.parse("2023-05-04T18:18:43Z"));
    assertThat(f.firstObservedAt()).isEqualTo(Instant.parse("2023-01-31T20:25:38Z"));
    assertThat(f.productName()).isEqualTo("Inspector");
    assertThat(f.region()).isEqualTo("us-east-1");
    assertThat(f.types()).containsExactly("Software and Configuration Checks/Vulnerabilities/CVE");
    assertThat(f.productFields()).containsEntry("aws/inspector/inspectorScore", "7.8");
  }

  @Test
  void reads_resources_and_vulnerabilities_with_numeric_strings() throws Exception {
    Finding f = inspector();
    Finding.Resource r = f.resources().get(0);
    assertThat(r.type()).isEqualTo("AwsEc2Instance");
    assertThat(r.tags()).containsEntry("Patch Group", "SSM");
    Finding.Vulnerability v = f.vulnerabilities().get(0);
    assertThat(v.id()).isEqualTo("CVE-2022-34918");
    assertThat(v.epssScore()).isEqualTo(0.00239);
    assertThat(v.exploitAvailable()).isEqualTo("NO");
    assertThat(v.fixAvailable()).isEqualTo("YES");
    assertThat(v.cvssBaseScore()).isEqualTo(7.8);
    assertThat(v.packages()).extracting(Finding.Package::fixedInVersion).containsExactly("0:5.10.130-118.517.amzn2");
  }

  @Test
  void control_finding_fields_come_from_compliance_or_the_generator() throws Exception {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/securityhub");
    tree.put("GeneratorId", "security-control/Config.1");
    tree.put("Compliance", Map.of("Status", "FAILED", "AssociatedStandards",
        List.of(Map.of("StandardsId", "standards/cis-aws-foundations-benchmark/v/3.0.0"))));
    Finding f = Finding.of(tree);
    assertThat(f.controlId()).isEqualTo("Config.1");
    assertThat(f.complianceStatus()).isEqualTo(ComplianceStatus.FAILED);
    assertThat(f.associatedStandards()).containsExactly("standards/cis-aws-foundations-benchmark/v/3.0.0");
    assertThat(f.isControlFinding()).isTrue();
    assertThat(f.region()).isEqualTo("eu-west-1");
    assertThat(f.workflowStatus()).as("absent workflow reads as NEW").isEqualTo(WorkflowStatus.NEW);
  }

  @Test
  void writing_a_finding_back_gives_the_same_json_content() throws Exception {
    Finding f = inspector();
    String written = JSON.writeValueAsString(f.json());
    assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(INSPECTOR));
  }

  @Test
  void timestamps_accept_every_documented_form() {
    Instant t = Instant.parse("2026-03-13T21:38:57.161Z");
    assertThat(Timestamps.parse("2026-03-13T21:38:57.161Z")).contains(t);
    assertThat(Timestamps.parse("2026-03-13 22:38:57.161000+01:00")).contains(t);
    assertThat(Timestamps.parse("2026-03-13T22:38:57.161+0100")).contains(t);
    assertThat(Timestamps.parse("2026-03-13T22:38:57.161+01")).contains(t);
    assertThat(Timestamps.parse("2026-03-13T21:38:57.161")).as("no offset reads as UTC").contains(t);
    assertThat(Timestamps.parse("2026-03-13T21:38:57.161000000Z")).contains(t);
    assertThat(Timestamps.parse("Fri Mar 13 21:38:57.161 UTC 2026")).contains(t);
    assertThat(Timestamps.parse("Wed Sep 04 16:59:44.356 UTC 2024")).contains(Instant.parse("2024-09-04T16:59:44.356Z"));
    assertThat(Timestamps.parse("2024-02-29T23:59:59Z")).contains(Instant.parse("2024-02-29T23:59:59Z"));
    assertThat(Timestamps.parse("2023-02-29T00:00:00Z")).as("no 29 February in 2023").isEmpty();
    assertThat(Timestamps.parse("2023-02-29 00:00:00+01:00")).isEmpty();
    assertThat(Timestamps.parse("Wed Feb 29 00:00:00.000 UTC 2023")).isEmpty();
    assertThat(Timestamps.parse("2026-03-13T24:00:00Z")).isEmpty();
    assertThat(Timestamps.parse("2026-03-13T21:38:57.Z")).isEmpty();
    assertThat(Timestamps.parse("2026-03-13T21:38:57.1234567890Z")).isEmpty();
    assertThat(Timestamps.parse("2026-03-13T21:38:5xZ")).isEmpty();
    assertThat(Timestamps.parse("yesterday")).isEmpty();
    assertThat(Timestamps.parse("2026-13-45T00:00:00Z")).isEmpty();
    assertThat(Timestamps.format(Instant.parse("2024-10-31T23:00:00.123456789Z"))).isEqualTo("2024-10-31T23:00:00.123Z");
  }

  @Test
  void hostile_strings_are_escaped_and_cut_in_messages() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("RecordState", "\u001b[31mRED\u0007" + "x".repeat(200));
    List<Problem> problems = Asff.validate(tree);
    assertThat(problems).filteredOn(p -> p.path().equals("RecordState")).singleElement().hasToString(
        "RecordState: expected one of [ACTIVE, ARCHIVED] but was \"\\u001b[31mRED\\u0007"
            + "x".repeat(71) + "\"… (209 characters)");
  }
}

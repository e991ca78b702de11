package dev.riskline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import dev.riskline.finding.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code examples/}: each is what {@link ExampleFiles} writes, parses, and holds what the demo needs.
 * Run with {@code -Driskline.examples.write=true} to regenerate them first.
 */
class ExampleFilesTest {
  private static final Path EXAMPLES = Path.of("examples");
  private static final Path CIS_30 = Path.of("../shared/data/prowler-cis/cis_3.0_aws.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("riskline.examples.write")) ExampleFiles.writeAll(EXAMPLES);
  }

  private static JsonNode read(String name) throws IOException {
    return JSON.readTree(EXAMPLES.resolve(name).toFile());
  }

  private static List<JsonNode> events() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(EXAMPLES.resolve(ExampleFiles.EVENTS))) out.add(JSON.readTree(line));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(JsonNode finding) {
    return JSON.convertValue(finding, Map.class);
  }

  private static List<Map<String, Object>> securityHubFindings() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode f : read(ExampleFiles.SECURITY_HUB).get("Findings")) out.add(tree(f));
    return out;
  }

  @Test
  void the_example_files_are_what_the_example_writer_makes(@TempDir Path fresh) throws IOException {
    ExampleFiles.writeAll(fresh);
    for (String name : ExampleFiles.FILES) {
      List<String> expected = Files.readAllLines(fresh.resolve(name));
      List<String> actual = Files.readAllLines(EXAMPLES.resolve(name));
      if (name.endsWith(".ndjson")) {
        assertThat(actual).as(name).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(JSON.readTree(actual.get(i))).as(name + " line " + (i + 1))
              .isEqualTo(JSON.readTree(expected.get(i)));
        }
      } else {
        assertThat(JSON.readTree(String.join("\n", actual))).as(name)
            .isEqualTo(JSON.readTree(String.join("\n", expected)));
      }
    }
  }

  @Test
  void every_example_file_is_json_and_under_two_megabytes() throws IOException {
    for (String name : ExampleFiles.FILES) {
      Path file = EXAMPLES.resolve(name);
      assertThat(Files.size(file)).as(name).isLessThan(2L * 1024 * 1024);
      if (!name.endsWith(".ndjson")) assertThat(read(name).isContainerNode()).as(name).isTrue();
    }
    assertThat(events()).allMatch(JsonNode::isObject);
    assertThat(Files.readString(EXAMPLES.resolve("README.md"))).contains(ExampleFiles.FILES);
  }

  @Test
  void security_hub_export_is_a_get_findings_document_of_a_few_hundred_valid_distinct_findings() throws IOException {
    JsonNode doc = read(ExampleFiles.SECURITY_HUB);
    assertThat(doc.fieldNames()).toIterable().containsExactly("Findings", "NextToken");
    assertThat(doc.get("NextToken").isNull()).isTrue();
    List<Map<String, Object>> findings = securityHubFindings();
    assertThat(findings).hasSizeBetween(200, 300);
    Set<String> identities = new HashSet<>();
    for (Map<String, Object> f : findings) {
      assertThat(Asff.validate(f)).as((String) f.get("Id")).isEmpty();
      assertThat(identities.add(Finding.of(f).identity().key())).as((String) f.get("Id")).isTrue();
    }
  }

  @Test
  void security_hub_export_has_kev_cves_cis_and_fsbp_controls_and_guardduty_in_production_accounts()
      throws IOException {
    Set<String> cves = new HashSet<>();
    Set<String> standards = new HashSet<>();
    Set<String> resourceTypes = new HashSet<>();
    Set<String> accounts = new HashSet<>();
    Map<String, Integer> products = new HashMap<>();
    for (Map<String, Object> tree : securityHubFindings()) {
      Finding f = Finding.of(tree);
      f.vulnerabilities().forEach(v -> cves.add(v.id()));
      standards.addAll(f.associatedStandards());
      if (f.productArn().endsWith("/inspector")) resourceTypes.add(f.resources().get(0).type());
      accounts.add(f.awsAccountName());
      products.merge(f.productArn().substring(f.productArn().lastIndexOf('/') + 1), 1, Integer::sum);
    }
    assertThat(cves).contains("CVE-2021-44228", "CVE-2023-4863", "CVE-2024-3094");
    assertThat(standards).contains(ControlCatalog.CIS_300, ControlCatalog.FSBP);
    assertThat(resourceTypes).contains("AwsEc2Instance", "AwsEcrContainerImage", "AwsLambdaFunction");
    assertThat(accounts).contains("acme-payments-prod", "acme-identity-prod", "acme-web-prod").hasSizeGreaterThan(10);
    assertThat(products).containsKeys("securityhub", "inspector", "guardduty");
  }

  @Test
  void inspector_list_is_a_list_findings_document_of_native_findings() throws IOException {
    JsonNode doc = read(ExampleFiles.INSPECTOR);
    assertThat(doc.fieldNames()).toIterable().containsExactly("findings");
    JsonNode findings = doc.get("findings");
    assertThat(findings).hasSize(30);
    Set<String> types = new HashSet<>();
    Set<String> statuses = new HashSet<>();
    Set<String> arns = new HashSet<>();
    for (JsonNode f : findings) {
      assertThat(f.get("findingArn").asText()).matches("arn:aws:inspector2:[a-z0-9-]+:\\d{12}:finding/[0-9a-f]{32}");
      assertThat(arns.add(f.get("findingArn").asText())).isTrue();
      assertThat(f.get("awsAccountId").asText()).matches("\\d{12}");
      for (String time : List.of("firstObservedAt", "lastObservedAt", "updatedAt")) {
        assertThat(f.get(time).asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(Timestamps.parse(f.get(time).asText())).isPresent();
      }
      types.add(f.get("type").asText());
      statuses.add(f.get("status").asText());
      types.add(f.get("resources").get(0).get("type").asText());
      if (f.get("type").asText().equals("PACKAGE_VULNERABILITY")) {
        assertThat(f.get("packageVulnerabilityDetails").get("vulnerablePackages")).isNotEmpty();
        assertThat(f.get("epss").get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(f.has("inspectorScore") && f.has("fixAvailable") && f.has("exploitAvailable")).isTrue();
      }
    }
    assertThat(types).contains("PACKAGE_VULNERABILITY", "NETWORK_REACHABILITY", "AWS_EC2_INSTANCE",
        "AWS_ECR_CONTAINER_IMAGE", "AWS_LAMBDA_FUNCTION");
    assertThat(statuses).containsExactlyInAnyOrder("ACTIVE", "CLOSED", "SUPPRESSED");
  }

  @Test
  void eventbridge_stream_carries_new_findings_and_newer_updates_of_exported_ones() throws IOException {
    Map<String, Instant> exported = new HashMap<>();
    for (Map<String, Object> f : securityHubFindings()) {
      exported.put(Finding.of(f).identity().key(), Finding.of(f).updatedAt());
    }
    Map<String, Integer> detailTypes = new HashMap<>();
    int updates = 0;
    for (JsonNode e : events()) {
      String type = e.get("detail-type").asText();
      detailTypes.merge(type, 1, Integer::sum);
      assertThat(e.get("version").asText()).isEqualTo("0");
      assertThat(Timestamps.parse(e.get("time").asText())).isPresent();
      if (type.equals("Inspector2 Finding")) {
        assertThat(e.get("source").asText()).isEqualTo("aws.inspector2");
        assertThat(e.get("detail").get("firstObservedAt").asText())
            .matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\d{4}");
        assertThat(Timestamps.parse(e.get("detail").get("updatedAt").asText())).isPresent();
        continue;
      }
      assertThat(e.get("source").asText()).isEqualTo("aws.securityhub");
      assertThat(e.get("detail").get("findings")).hasSize(1);
      Map<String, Object> tree = tree(e.get("detail").get("findings").get(0));
      assertThat(Asff.validate(tree)).isEmpty();
      Finding f = Finding.of(tree);
      Instant before = exported.get(f.identity().key());
      if (type.equals("Security Hub Findings - Imported") && before != null) {
        assertThat(f.updatedAt()).isAfter(before);
        updates++;
      }
    }
    assertThat(detailTypes).containsOnlyKeys("Security Hub Findings - Imported",
        "Security Hub Findings - Custom Action", "Inspector2 Finding");
    assertThat(detailTypes.values().stream().mapToInt(Integer::intValue).sum()).isBetween(15, 25);
    assertThat(updates).isBetween(2, 3);
  }

  @Test
  void prowler_report_is_ocsf_detection_findings_of_cis_3_0_checks() throws IOException {
    JsonNode findings = read(ExampleFiles.PROWLER);
    assertThat(findings.isArray()).isTrue();
    assertThat(findings).hasSize(30);
    Set<String> codes = new HashSet<>();
    Set<String> statuses = new HashSet<>();
    for (JsonNode f : findings) {
      assertThat(f.get("metadata").get("product").get("name").asText()).isEqualTo("Prowler");
      assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
      assertThat(f.get("cloud").get("account").get("uid").asText()).matches("\\d{12}");
      assertThat(Timestamps.parse(f.get("time_dt").asText())).isPresent();
      assertThat(f.get("unmapped").get("compliance").get("CIS-3.0")).isNotEmpty();
      codes.add(f.get("status_code").asText());
      statuses.add(f.get("status").asText());
    }
    assertThat(codes).containsExactlyInAnyOrder("FAIL", "PASS", "MANUAL");
    assertThat(statuses).containsExactlyInAnyOrder("New", "Suppressed");
  }

  @Test
  void prowler_checks_serve_the_cis_3_0_requirements_they_are_filed_under() throws IOException {
    assumeTrue(Files.exists(CIS_30), "the CIS 3.0 requirement list is not at " + CIS_30);
    Map<String, Set<String>> checksOf = new HashMap<>();
    for (JsonNode r : JSON.readTree(CIS_30.toFile()).get("Requirements")) {
      Set<String> checks = new HashSet<>();
      r.get("Checks").forEach(c -> checks.add(c.asText()));
      checksOf.put(r.get("Id").asText(), checks);
    }
    for (ProwlerSample.Check c : ProwlerSample.CHECKS) {
      for (String req : c.cis()) assertThat(checksOf.get(req)).as(c.id() + " in " + req).contains(c.id());
    }
  }
}

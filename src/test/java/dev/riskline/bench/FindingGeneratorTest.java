package dev.riskline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import dev.riskline.finding.Problem;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FindingGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant BASE = FindingGenerator.DEFAULT_BASE;
  private static final int N = 5_000;
  private static List<Map<String, Object>> sample;

  @BeforeAll
  static void generate() {
    FindingGenerator g = new FindingGenerator(42, BASE);
    sample = new ArrayList<>();
    for (int i = 0; i < N; i++) sample.add(g.next());
  }

  private static String product(Map<String, Object> f) {
    String arn = (String) f.get("ProductArn");
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  @Test
  void the_same_seed_gives_the_same_findings_and_another_seed_other_ones() {
    FindingGenerator a = new FindingGenerator(7, BASE);
    FindingGenerator b = new FindingGenerator(7, BASE);
    FindingGenerator c = new FindingGenerator(8, BASE);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> fa = a.next();
      assertThat(fa).isEqualTo(b.next());
      assertThat(fa).isNotEqualTo(c.next());
    }
  }

  @Test
  void five_thousand_generated_findings_pass_asff_validation() {
    Map<String, List<Problem>> invalid = new HashMap<>();
    for (Map<String, Object> f : sample) {
      List<Problem> problems = Asff.validate(f);
      if (!problems.isEmpty()) invalid.put((String) f.get("Id"), problems);
    }
    assertThat(invalid).isEmpty();
  }

  @Test
  void the_product_mix_is_that_of_a_security_hub_export() {
    Map<String, Integer> counts = new HashMap<>();
    for (Map<String, Object> f : sample) counts.merge(product(f), 1, Integer::sum);
    assertThat(share(counts, "securityhub")).isBetween(0.42, 0.48);
    assertThat(share(counts, "inspector")).isBetween(0.32, 0.38);
    assertThat(share(counts, "guardduty")).isBetween(0.08, 0.12);
    assertThat(share(counts, "access-analyzer") + share(counts, "macie") + share(counts, "default"))
        .isBetween(0.08, 0.12);
    assertThat(counts.keySet()).containsExactlyInAnyOrder("securityhub", "inspector", "guardduty",
        "access-analyzer", "macie", "default");
  }

  private static double share(Map<String, Integer> counts, String product) {
    return counts.getOrDefault(product, 0) / (double) N;
  }

  @Test
  void about_one_inspector_cve_in_twenty_is_from_the_kev_catalog_and_the_rest_are_well_formed() {
    Set<String> kev = new HashSet<>();
    VulnCatalog.kev().forEach(k -> kev.add(k.cve()));
    int inspector = 0;
    int fromKev = 0;
    for (Map<String, Object> f : sample) {
      if (!product(f).equals("inspector")) continue;
      inspector++;
      String cve = Finding.of(f).vulnerabilities().get(0).id();
      assertThat(cve).matches("CVE-(19|20)\\d\\d-\\d{4,}");
      if (kev.contains(cve)) fromKev++;
    }
    assertThat(fromKev / (double) inspector).isBetween(0.03, 0.08);
  }

  @Test
  void findings_are_two_to_six_kilobytes_of_compact_json_on_average() throws Exception {
    long bytes = 0;
    for (Map<String, Object> f : sample) bytes += JSON.writeValueAsBytes(f).length;
    assertThat(bytes / N).isBetween(2_048L, 6_144L);
  }

  @Test
  void timestamps_fall_in_the_90_days_before_the_base_and_updates_never_precede_creation() {
    for (Map<String, Object> f : sample) {
      Finding finding = Finding.of(f);
      assertThat(finding.createdAt()).isBetween(BASE.minus(Duration.ofDays(90)), BASE);
      assertThat(finding.updatedAt()).isAfterOrEqualTo(finding.createdAt()).isBefore(BASE);
    }
  }

  @Test
  void every_finding_identity_is_unique() {
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> f : sample) ids.add(Finding.of(f).identity().key());
    assertThat(ids).hasSize(N);
  }

  @Test
  void findings_cover_twenty_accounts_with_production_among_them() {
    Set<String> accounts = new HashSet<>();
    Set<String> environments = new HashSet<>();
    for (Map<String, Object> f : sample) {
      accounts.add((String) f.get("AwsAccountId"));
      for (Finding.Resource r : Finding.of(f).resources()) {
        if (r.tags().containsKey("Environment")) environments.add(r.tags().get("Environment"));
      }
    }
    assertThat(accounts).hasSize(20).allMatch(a -> a.matches("\\d{12}"));
    assertThat(environments).containsExactlyInAnyOrder("prod", "staging", "dev");
  }

  @Test
  void control_findings_carry_real_control_ids_with_their_standards_and_cis_requirements() {
    Set<String> known = new HashSet<>();
    ControlCatalog.CONTROLS.forEach(c -> known.add(c.id()));
    Map<String, Integer> statuses = new HashMap<>();
    for (Map<String, Object> f : sample) {
      if (!product(f).equals("securityhub")) continue;
      Finding finding = Finding.of(f);
      String control = finding.controlId();
      assertThat(known).contains(control);
      assertThat(finding.generatorId()).isEqualTo("security-control/" + control);
      statuses.merge(finding.complianceStatus().name(), 1, Integer::sum);
      assertThat(finding.productFields()).containsEntry("ControlId", control)
          .containsKey("aws/securityhub/FindingId").containsKey("RecommendationUrl");
      String cis = ControlCatalog.byId(control).cis300();
      if (cis != null) {
        assertThat(finding.relatedRequirements()).contains("CIS AWS Foundations Benchmark v3.0.0/" + cis);
        assertThat(finding.associatedStandards()).contains(ControlCatalog.CIS_300);
      }
    }
    assertThat(statuses.get("FAILED")).isGreaterThan(statuses.get("PASSED"));
    assertThat(statuses).containsKeys("WARNING", "NOT_AVAILABLE");
  }

  @Test
  void inspector_scans_give_several_findings_per_container_image() {
    Map<String, Integer> perImage = new HashMap<>();
    for (Map<String, Object> f : sample) {
      Finding.Resource r = Finding.of(f).resources().get(0);
      if (product(f).equals("inspector") && r.type().equals("AwsEcrContainerImage")) {
        perImage.merge(r.id(), 1, Integer::sum);
      }
    }
    assertThat(perImage.values().stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThanOrEqualTo(12);
    assertThat(perImage.values().stream().mapToInt(Integer::intValue).average().orElse(0)).isGreaterThan(3);
  }

  @Test
  void write_streams_ndjson_with_one_compact_finding_per_line() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long bytes = FindingGenerator.write(out, 250, true, 11);
    String text = out.toString(StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    assertThat(bytes).isEqualTo(out.size());
    assertThat(lines).hasSize(251);
    assertThat(lines[250]).isEmpty();
    FindingGenerator same = new FindingGenerator(11, FindingGenerator.DEFAULT_BASE);
    for (int i = 0; i < 250; i++) {
      assertThat(JSON.readTree(lines[i])).isEqualTo(JSON.valueToTree(same.next()));
    }
  }

  @Test
  void write_streams_a_get_findings_document() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long bytes = FindingGenerator.write(out, 120, false, 12);
    JsonNode doc = JSON.readTree(out.toByteArray());
    assertThat(bytes).isEqualTo(out.size());
    assertThat(doc.fieldNames()).toIterable().containsExactly("Findings");
    assertThat(doc.get("Findings")).hasSize(120);
  }

  @Test
  void write_of_no_findings_gives_an_empty_document_and_leaves_the_stream_open() throws Exception {
    boolean[] closed = {false};
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        sink.write(b);
      }

      @Override
      public void close() {
        closed[0] = true;
      }
    };
    FindingGenerator.write(out, 0, false, 1);
    assertThat(JSON.readTree(sink.toByteArray()).get("Findings")).isEmpty();
    assertThat(closed[0]).isFalse();
    assertThat(FindingGenerator.write(OutputStream.nullOutputStream(), 0, true, 1)).isZero();
  }

  @Test
  void write_refuses_a_negative_count() {
    assertThatThrownBy(() -> FindingGenerator.write(OutputStream.nullOutputStream(), -1, true, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Expected a count of 0 or more but was -1");
  }
}

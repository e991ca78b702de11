package dev.riskline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.bench.ControlCatalog.Control;
import dev.riskline.bench.VulnCatalog.Known;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator's tables against the real data they come from, where that data is at hand (../shared/data). */
class CatalogsTest {
  private static final Path KEV = Path.of("../shared/data/kev/known_exploited_vulnerabilities.json");
  private static final Path CIS_30 = Path.of("../shared/data/prowler-cis/cis_3.0_aws.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cves_marked_kev_are_in_the_cisa_catalog_with_its_short_description_and_the_others_are_not() throws Exception {
    assumeTrue(Files.exists(KEV), "the CISA KEV snapshot is not at " + KEV);
    Map<String, String> catalog = new HashMap<>();
    for (JsonNode v : JSON.readTree(KEV.toFile()).get("vulnerabilities")) {
      catalog.put(v.get("cveID").asText(), v.get("shortDescription").asText());
    }
    for (Known k : VulnCatalog.KNOWN) {
      assertThat(catalog.containsKey(k.cve())).as(k.cve()).isEqualTo(k.kev());
      if (k.kev()) assertThat(k.description()).as(k.cve()).isEqualTo(catalog.get(k.cve()));
    }
    assertThat(VulnCatalog.kev()).extracting(Known::cve).contains("CVE-2021-44228", "CVE-2023-4863");
  }

  @Test
  void cis_v3_requirements_of_the_controls_exist_in_the_benchmark() throws Exception {
    assumeTrue(Files.exists(CIS_30), "the CIS 3.0 requirement list is not at " + CIS_30);
    Set<String> ids = new HashSet<>();
    for (JsonNode r : JSON.readTree(CIS_30.toFile()).get("Requirements")) ids.add(r.get("Id").asText());
    for (Control c : ControlCatalog.CONTROLS) {
      if (c.cis300() != null) assertThat(ids).as(c.id()).contains(c.cis300());
    }
  }

  @Test
  void control_ids_are_unique_and_every_control_belongs_to_a_standard() {
    Set<String> ids = new HashSet<>();
    for (Control c : ControlCatalog.CONTROLS) {
      assertThat(ids.add(c.id())).as(c.id()).isTrue();
      assertThat(c.standards()).as(c.id()).isNotEmpty();
      assertThat(c.title().length()).as(c.id()).isBetween(1, 256);
      assertThat(c.description().length()).as(c.id()).isBetween(1, 1024);
    }
    assertThat(ids).contains("S3.1", "S3.8", "EC2.2", "EC2.19", "IAM.1", "IAM.4", "IAM.6", "CloudTrail.1",
        "Config.1", "KMS.4", "RDS.3");
  }

  @Test
  void related_requirements_name_every_cis_version_the_control_maps_to() {
    assertThat(ControlCatalog.byId("IAM.4").relatedRequirements()).containsExactly(
        "CIS AWS Foundations Benchmark v3.0.0/1.4", "CIS AWS Foundations Benchmark v5.0.0/1.3",
        "CIS AWS Foundations Benchmark v1.4.0/1.4", "CIS AWS Foundations Benchmark v1.2.0/1.12");
    assertThat(ControlCatalog.byId("IAM.1").cis300()).isNull();
    assertThat(ControlCatalog.byId("EC2.19").relatedRequirements()).isEmpty();
  }

  @Test
  void an_unknown_control_or_cve_fails_with_the_known_ones() {
    assertThatThrownBy(() -> ControlCatalog.byId("S3.99"))
        .hasMessageStartingWith("Expected one of [Account.1, IAM.1,").hasMessageEndingWith("but was S3.99");
    assertThatThrownBy(() -> VulnCatalog.known("CVE-2000-0001"))
        .hasMessageStartingWith("Expected one of [CVE-2021-44228,").hasMessageEndingWith("but was CVE-2000-0001");
  }

  @Test
  void a_fixed_version_raises_the_last_number_of_the_installed_one() {
    assertThat(Vulns.bump("24.amzn2.0.7")).isEqualTo("24.amzn2.0.8");
    assertThat(Vulns.bump("4.1.93.Final")).isEqualTo("4.1.94.Final");
    assertThat(Vulns.bump("31.1-jre")).isEqualTo("31.2-jre");
    assertThat(Vulns.bump("r2")).isEqualTo("r3");
    assertThat(Vulns.bump("beta")).isEqualTo("beta.1");
  }
}

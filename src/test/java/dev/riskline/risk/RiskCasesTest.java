package dev.riskline.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.riskline.Config;
import dev.riskline.ConfigFile;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import dev.riskline.risk.Intel.EpssMeta;
import dev.riskline.risk.Intel.KevCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How findings are rated, as a case table ({@code risk/risk-cases.yaml}): each case's {@code risk} section
 * is read as {@code riskline.yaml} reads it, its intelligence is built in memory, its finding is laid over one
 * of the file's bases, and the assessment must be exactly the expected {@code Risk} object, reasons and all.
 */
class RiskCasesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

  static Stream<Arguments> cases() throws IOException {
    JsonNode file;
    try (InputStream in = RiskCasesTest.class.getResourceAsStream("/risk/risk-cases.yaml")) {
      file = YAML.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    file.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c, file.get("bases"))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rates_each_finding_with_exactly_these_reasons(String name, JsonNode c, JsonNode bases) throws IOException {
    Map<String, Object> tree = finding(bases.get(c.path("base").asText("vulnerability")), c.get("finding"));
    assertThat(Asff.validate(tree)).as("the case's finding is valid ASFF").isEmpty();
    RiskPolicy policy = policy(c.get("config"));
    Intel intel = intel(c.get("intel"));

    Assessment a = policy.assess(Finding.of(tree), intel);

    ObjectNode expected = c.get("expected").deepCopy();
    JsonNode kev = expected.remove("Kev");
    assertThat(YAML.writeValueAsString(a.json())).as(name).isEqualTo(YAML.writeValueAsString(expected));
    assertThat(a.kev() == null ? null : a.kev().cveId()).as("the KEV entry the schedule caps by")
        .isEqualTo(kev == null ? null : kev.asText());
  }

  /** The base with the case's fields laid over it; a null field removes the base's. */
  static Map<String, Object> finding(JsonNode base, JsonNode changes) {
    Map<String, Object> tree = YAML.convertValue(base, TREE);
    if (changes != null) {
      YAML.convertValue(changes, TREE).forEach((k, v) -> {
        if (v == null) tree.remove(k);
        else tree.put(k, v);
      });
    }
    return tree;
  }

  /** The {@code risk} section, read through the configuration file so that it is validated too. */
  static RiskPolicy policy(JsonNode risk) throws IOException {
    if (risk == null) return RiskPolicy.defaults();
    String yaml = YAML.writeValueAsString(Map.of("risk", risk));
    return ConfigFile.parse("riskline.yaml", yaml, null, Config.defaults()).risk();
  }

  /** {@code kev: [{cveID, dateAdded, knownRansomwareCampaignUse}]}, {@code epss: {date, scores: {CVE: score}}}. */
  static Intel intel(JsonNode intel) {
    Intel out = Intel.none();
    if (intel == null) return out;
    JsonNode kev = intel.get("kev");
    if (kev != null) {
      List<KevEntry> entries = new ArrayList<>();
      for (JsonNode e : kev) {
        LocalDate added = LocalDate.parse(e.get("dateAdded").asText());
        entries.add(new KevEntry(e.get("cveID").asText(), "vendor", "product", "name", added, added.plusDays(21),
            "Known".equals(e.path("knownRansomwareCampaignUse").asText("Unknown"))));
      }
      out = out.withKev(new KevCatalog("2026.10.30", Instant.parse("2026-10-30T17:00:00Z"), entries.size(), null),
          entries);
    }
    JsonNode epss = intel.get("epss");
    if (epss != null) {
      LocalDate date = LocalDate.parse(epss.get("date").asText());
      List<EpssScore> scores = new ArrayList<>();
      epss.get("scores").fields().forEachRemaining(s ->
          scores.add(new EpssScore(s.getKey(), s.getValue().asDouble(), 0.5, date)));
      out = out.withEpss(new EpssMeta("v2026.06.15", date.atStartOfDay().toInstant(ZoneOffset.UTC), scores.size(),
          null), scores);
    }
    return out;
  }
}

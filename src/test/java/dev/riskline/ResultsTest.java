package dev.riskline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.bench.FindingGenerator;
import dev.riskline.finding.Finding;
import dev.riskline.read.FindingReader;
import dev.riskline.read.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing a result from the record's own bytes gives the same JSON as writing it value by value. */
class ResultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Finding> read(byte[] ndjson) {
    List<Finding> out = new ArrayList<>();
    FindingReader.create().read("gen.ndjson", new ByteArrayInputStream(ndjson), new FindingReader.Sink() {
      @Override
      public void finding(Finding finding, String source, long record) {
        out.add(finding);
      }

      @Override
      public void rejection(Rejection rejection) {
        throw new AssertionError(rejection.toString());
      }
    });
    return out;
  }

  private static List<JsonNode> triage(List<Finding> findings) throws Exception {
    return triage(findings, Config.defaults());
  }

  private static List<JsonNode> triage(List<Finding> findings, Config config) throws Exception {
    try (Triage run = Riskline.create(config).newTriage()) {
      findings.forEach(run::offer);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      run.writeNdjson(out);
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) lines.add(JSON.readTree(line));
      return lines;
    }
  }

  @Test
  void the_written_riskline_object_is_the_one_the_result_describes() throws Exception {
    Finding f = read("""
        {"SchemaVersion": "2018-10-08", "Id": "x", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
         "GeneratorId": "g", "AwsAccountId": "111122223333", "CreatedAt": "2026-01-01T00:00:00Z",
         "UpdatedAt": "2026-01-02T00:00:00Z", "Title": "t", "Description": "d", "Types": ["Software and Configuration Checks"],
         "Severity": {"Label": "HIGH"}, "Resources": [{"Type": "AwsS3Bucket", "Id": "arn:aws:s3:::b"}]}
        """.replace("\n", " ").getBytes(StandardCharsets.UTF_8)).get(0);
    dev.riskline.risk.Assessment risk = new dev.riskline.risk.Assessment("HIGH", "MEDIUM", "HIGH", "matrix",
        List.of(new dev.riskline.risk.Reason("severity", "severity HIGH → impact HIGH \"quoted\"")), null);
    for (dev.riskline.schedule.Scheduled s : List.of(
        new dev.riskline.schedule.Scheduled(null, null, dev.riskline.schedule.State.OPEN, null, null, null, List.of()),
        new dev.riskline.schedule.Scheduled(java.time.Instant.parse("2026-01-01T00:00:00Z"),
            java.time.Instant.parse("2026-01-31T00:00:00Z"), dev.riskline.schedule.State.ACCEPTED, null, null,
            "acc-12345678", List.of()),
        new dev.riskline.schedule.Scheduled(null, java.time.Instant.parse("2026-01-31T00:00:00Z"),
            dev.riskline.schedule.State.RESOLVED, java.time.Instant.parse("2026-01-20T00:00:00Z"), true, null, List.of()))) {
      TriageResult r = new TriageResult(f, List.of("rule one", "rule two"), risk, s);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (com.fasterxml.jackson.core.JsonGenerator g = JSON.getFactory().createGenerator(out)) {
        Results.write(g, r);
      }
      assertThat(JSON.readTree(out.toByteArray()).get("Riskline")).isEqualTo(JSON.valueToTree(r.riskline()));
    }
  }

  @Test
  void copying_the_records_bytes_gives_the_same_results_as_writing_every_value() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    FindingGenerator.write(generated, 3_000, true, 7);
    compareBothWays(generated.toByteArray());
  }

  @Test
  void records_of_a_get_findings_document_are_copied_too() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    FindingGenerator.write(generated, 3_000, false, 8);
    compareBothWays(generated.toByteArray());
  }

  @Test
  void pretty_printed_records_are_written_value_by_value_so_results_stay_one_a_line() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    FindingGenerator.write(generated, 50, false, 9);
    byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(generated.toByteArray()));
    List<Finding> findings = read(pretty);

    assertThat(findings).hasSize(50).allSatisfy(f -> assertThat(f.source()).isNull());
    assertThat(triage(findings)).hasSize(50);
  }

  @Test
  void findings_changed_by_rules_copy_their_unchanged_values_and_give_the_same_results() throws Exception {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    FindingGenerator.write(generated, 3_000, true, 11);
    Config config = Config.defaults().withClock(java.time.Clock.fixed(
        java.time.Instant.parse("2026-11-15T00:00:00Z"), java.time.ZoneOffset.UTC))
        .withRules(dev.riskline.rules.RuleSet.parse("generated.json", dev.riskline.bench.RuleGenerator.rules(100, 42)));
    List<Finding> withBytes = read(generated.toByteArray());
    @SuppressWarnings("unchecked")
    List<Finding> treesOnly = withBytes.stream()
        .map(f -> Finding.of(JSON.convertValue(f.json(), LinkedHashMap.class))).toList();

    List<JsonNode> fast = triage(withBytes, config);
    List<JsonNode> slow = triage(treesOnly, config);

    assertThat(fast.stream().filter(n -> n.get("Riskline").get("Rules").size() > 0).count()).isGreaterThan(600);
    assertThat(fast).isEqualTo(slow);
  }

  private static void compareBothWays(byte[] input) throws Exception {
    List<Finding> withBytes = read(input);
    @SuppressWarnings("unchecked")
    List<Finding> treesOnly = withBytes.stream()
        .map(f -> Finding.of(JSON.convertValue(f.json(), LinkedHashMap.class))).toList();

    assertThat(withBytes).allSatisfy(f -> assertThat(f.source()).isNotNull());
    List<JsonNode> fast = triage(withBytes);
    List<JsonNode> slow = triage(treesOnly);

    assertThat(fast).hasSize(3_000).isEqualTo(slow);
  }
}

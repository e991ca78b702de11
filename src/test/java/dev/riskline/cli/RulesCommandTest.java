package dev.riskline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskline rules validate|test|simulate|lint} in process, on rule files and findings in a temporary
 * folder and an H2 store there. The text of {@code rules test} is a golden file
 * ({@code golden/rules-test.txt}); to regenerate it after a deliberate change, run with
 * {@code -Driskline.golden.write=true} and review the diff.
 */
class RulesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GOLDEN = Path.of("src/test/resources/golden/rules-test.txt");
  private static final String NOW = "2026-12-01T00:00:00Z";
  private static final String FINDING = """
      {"SchemaVersion": "2018-10-08", "Id": "%s", "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub",
       "GeneratorId": "security-control/S3.1", "AwsAccountId": "%s", "CreatedAt": "2026-11-01T00:00:00Z",
       "UpdatedAt": "2026-11-02T00:00:00Z", "Title": "t", "Description": "d",
       "Types": ["Software and Configuration Checks"], "Severity": {"Label": "%s", "Normalized": %d},
       "Resources": [{"Type": "%s", "Id": "arn:aws:s3:::bucket-%s"}],
       "Compliance": {"Status": "%s", "SecurityControlId": "S3.1"}, "UserDefinedFields": %s}""";
  private static final String RULES = """
      [{"RuleName": "Elevate prod", "RuleOrder": 10, "Description": "Failed findings in production are critical",
        "Criteria": {"AwsAccountId": [{"Comparison": "EQUALS", "Value": "111122223333"}],
                     "ComplianceStatus": [{"Comparison": "EQUALS", "Value": "FAILED"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Severity": {"Label": "CRITICAL"},
                     "Note": {"Text": "Production: fix within 7 days", "UpdatedBy": "security"}}}]},
       {"RuleName": "Tag owner", "RuleOrder": 20, "Description": "S3 findings belong to the storage team",
        "Criteria": {"ResourceType": [{"Comparison": "EQUALS", "Value": "AwsS3Bucket"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"UserDefinedFields": {"owner": "storage"}}}]}]
      """;
  private static final String OLD_RULES = """
      [{"RuleName": "Elevate prod", "RuleOrder": 5, "Description": "Failed findings in production are high",
        "Criteria": {"AwsAccountId": [{"Comparison": "EQUALS", "Value": "111122223333"}],
                     "ComplianceStatus": [{"Comparison": "EQUALS", "Value": "FAILED"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Severity": {"Label": "HIGH"}}}]},
       {"RuleName": "Suppress low", "RuleOrder": 30, "Description": "d",
        "Criteria": {"SeverityLabel": [{"Comparison": "EQUALS", "Value": "LOW"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Workflow": {"Status": "SUPPRESSED"}}}]}]
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path rules;
  private Path findings;

  @BeforeEach
  void files() throws Exception {
    rules = write("rules.json", RULES);
    findings = write("findings.ndjson",
        finding("prod-s3", "111122223333", "HIGH", 70, "AwsS3Bucket", "FAILED", "{}"),
        finding("dev-ec2", "444455556666", "LOW", 1, "AwsEc2Instance", "FAILED", "{}"),
        finding("dev-s3", "444455556666", "MEDIUM", 40, "AwsS3Bucket", "PASSED", "{\"owner\": \"storage\"}"),
        finding("prod-ec2-passed", "111122223333", "MEDIUM", 40, "AwsEc2Instance", "PASSED", "{}"));
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static String finding(String id, String account, String label, int normalized, String type,
      String compliance, String userDefined) {
    return FINDING.formatted(id, account, label, normalized, type, id, compliance, userDefined).replace("\n", " ");
  }

  private Path write(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  @Test
  void validate_prints_the_rule_counts_and_the_evaluation_order() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("rules"));
    Files.copy(rules, folder.resolve("a.json"));
    Files.writeString(folder.resolve("b.yaml"), """
        - RuleName: Draft
          RuleOrder: 1
          RuleStatus: DISABLED
          Description: not yet
          Criteria: {}
          Actions: [{Type: FINDING_FIELDS_UPDATE, FindingFieldsUpdate: {Confidence: 10}}]
        """);

    assertThat(run("rules", "validate", folder.toString())).isZero();

    assertThat(out.toString()).isEqualTo(lines("3 rules OK (2 enabled, 1 disabled) in 2 files", "Evaluation order:",
        "   1. Elevate prod", "   2. Tag owner"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void validate_prints_every_problem_on_stderr_one_line_each_and_exits_2() throws Exception {
    Path bad = write("bad.json", """
        [{"RuleName": "Elevate prod", "RuleOrder": 0, "Description": "d",
          "Criteria": {"SeverityLabel": [{"Comparison": "EQUAL", "Value": "HIGH"}]},
          "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Confidence": 90}}]}]""");

    assertThat(run("rules", "validate", bad.toString())).isEqualTo(2);

    String rule = bad + ": rule \"Elevate prod\" (1): ";
    assertThat(err.toString()).isEqualTo(lines(
        rule + "RuleOrder: expected an integer 1..1000 but was 0",
        rule + "Criteria.SeverityLabel[0].Comparison: expected one of [EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS, "
            + "CONTAINS, NOT_CONTAINS] but was \"EQUAL\"",
        "Fix each line: it names the file, the rule (name and 1-based position) and the JSON path."));
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void test_shows_matched_rules_and_field_changes_per_finding_as_the_golden_file() throws Exception {
    assertThat(run("rules", "test", "--rules", rules.toString(), "--now", NOW, findings.toString())).isZero();

    if (Boolean.getBoolean("riskline.golden.write")) Files.writeString(GOLDEN, out.toString(), StandardCharsets.UTF_8);
    assertThat(out.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void test_as_ndjson_prints_one_object_per_finding_with_its_rules_and_changes() throws Exception {
    assertThat(run("rules", "test", "--rules", rules.toString(), "--now", NOW, "--format", "ndjson",
        findings.toString())).isZero();

    List<Map<String, Object>> objects = out.toString().lines()
        .map(l -> {
          try {
            return (Map<String, Object>) JSON.readValue(l, LinkedHashMap.class);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).toList();
    assertThat(objects).extracting(o -> o.get("Id")).containsExactly("prod-s3", "dev-ec2", "dev-s3", "prod-ec2-passed");
    assertThat(objects.get(0).keySet()).containsExactly("Id", "ProductArn", "MatchedRules", "Changes");
    assertThat(objects.get(0).get("MatchedRules")).isEqualTo(List.of("Elevate prod", "Tag owner"));
    assertThat((List<Object>) objects.get(0).get("Changes")).hasSize(6).first().isEqualTo(Map.of(
        "Rule", "Elevate prod", "Field", "Severity.Label", "Before", "HIGH", "After", "CRITICAL"));
    Map<String, Object> note = ((List<Map<String, Object>>) objects.get(0).get("Changes")).stream()
        .filter(c -> c.get("Field").equals("Note.UpdatedAt")).findFirst().orElseThrow();
    assertThat(note).containsEntry("Before", null).containsEntry("After", NOW);
    assertThat(objects.get(1).get("MatchedRules")).isEqualTo(List.of());
    assertThat(objects.get(2).get("Changes")).isEqualTo(List.of());
  }

  @Test
  void test_reports_rejected_records_on_stderr_and_exits_2() throws Exception {
    Path mixed = write("mixed.ndjson", finding("ok", "111122223333", "HIGH", 70, "AwsS3Bucket", "FAILED", "{}"),
        "{\"Id\": \"broken\"");

    assertThat(run("rules", "test", "--rules", rules.toString(), "--now", NOW, mixed.toString())).isEqualTo(2);

    assertThat(err.toString()).contains(mixed + ": line 2");
    assertThat(out.toString()).contains("  matched: \"Elevate prod\", \"Tag owner\"")
        .endsWith(lines("0 of 1 finding matched no rule"));
  }

  @Test
  void rules_that_do_not_load_exit_2_with_every_problem() throws Exception {
    Path bad = write("bad.json", "{\"RuleName\": \"x\"}");

    assertThat(run("rules", "test", "--rules", bad.toString(), findings.toString())).isEqualTo(2);

    assertThat(err.toString()).contains(bad + ": rule \"x\" (1): RuleOrder: required but missing");
  }

  @Test
  void simulate_counts_per_rule_what_it_matches_and_would_change_on_the_stored_findings() {
    String store = "jdbc:h2:file:" + dir.resolve("store/db");
    assertThat(run("ingest", "--store", store, findings.toString())).isZero();

    assertThat(run("rules", "simulate", "--store", store, "--rules", rules.toString(), "--now", NOW)).isZero();

    assertThat(out.toString()).isEqualTo(lines(
        "Simulated 2 rules (2 enabled) on 4 stored findings as of " + NOW,
        "",
        "RULE          MATCHED  CHANGED",
        "Elevate prod        1        1",
        "Tag owner           2        1",
        "",
        "\"Elevate prod\" would change:",
        "  Note.Text → Production: fix within 7 days: 1",
        "  Note.UpdatedAt → 2026-12-01T00:00:00Z: 1",
        "  Note.UpdatedBy → security: 1",
        "  Severity.Label → CRITICAL: 1",
        "  Severity.Normalized → 90: 1",
        "",
        "\"Tag owner\" would change:",
        "  UserDefinedFields.owner → storage: 1",
        "",
        "Total: 2 of 4 findings matched a rule; 1 would change",
        "  Note.Text → Production: fix within 7 days: 1",
        "  Note.UpdatedAt → 2026-12-01T00:00:00Z: 1",
        "  Note.UpdatedBy → security: 1",
        "  Severity.Label → CRITICAL: 1",
        "  Severity.Normalized → 90: 1",
        "  UserDefinedFields.owner → storage: 1"));
  }

  @Test
  void simulate_with_compare_reports_rules_added_removed_changed_and_the_final_values_that_differ() throws Exception {
    String store = "jdbc:h2:file:" + dir.resolve("store/db");
    assertThat(run("ingest", "--store", store, findings.toString())).isZero();
    Path old = write("old.json", OLD_RULES);

    assertThat(run("rules", "simulate", "--store", store, "--rules", rules.toString(), "--compare", old.toString(),
        "--now", NOW)).isZero();

    assertThat(out.toString()).endsWith(lines(
        "Compared with " + old + ":",
        "  rules added: \"Tag owner\"",
        "  rules removed: \"Suppress low\"",
        "  rule changed: \"Elevate prod\": RuleOrder 5 → 10, Actions",
        "  2 of 4 findings would end differently",
        "  Note.Text: (absent) → Production: fix within 7 days: 1",
        "  Note.UpdatedAt: (absent) → 2026-12-01T00:00:00Z: 1",
        "  Note.UpdatedBy: (absent) → security: 1",
        "  Severity.Label: HIGH → CRITICAL: 1",
        "  Severity.Normalized: 70 → 90: 1",
        "  UserDefinedFields.owner: (absent) → storage: 1",
        "  Workflow.Status: SUPPRESSED → NEW: 1"));
  }

  @Test
  void lint_prints_warnings_and_exits_2_unless_warn_only() throws Exception {
    Path risky = write("risky.json", """
        [{"RuleName": "Suppress Config.1", "RuleOrder": 1, "Description": "d",
          "Criteria": {"GeneratorId": [{"Comparison": "CONTAINS", "Value": "Config.1"}]},
          "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Workflow": {"Status": "SUPPRESSED"}}}]}]""");
    String warning = risky + ": rule \"Suppress Config.1\" (1): warning: Criteria.GeneratorId[0]: "
        + "CONTAINS \"Config.1\" also matches longer ids such as \"Config.10\"; use EQUALS with the whole GeneratorId, such as "
        + "\"security-control/Config.1\", or ComplianceSecurityControlId EQUALS \"Config.1\"";

    assertThat(run("rules", "lint", risky.toString())).isEqualTo(2);
    assertThat(out.toString()).isEqualTo(lines(warning, "1 warning, 0 info in 1 rule"));

    assertThat(run("rules", "lint", "--warn-only", risky.toString())).isZero();
    assertThat(out.toString()).isEqualTo(lines(warning, "1 warning, 0 info in 1 rule"));
  }

  @Test
  void lint_exits_0_on_clean_rules() {
    assertThat(run("rules", "lint", rules.toString())).isZero();

    assertThat(out.toString()).isEqualTo(lines("0 warnings, 0 info in 2 rules"));
  }

  @Test
  void the_readme_rule_file_validates_lints_clean_and_gives_the_output_the_readme_shows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Automation rules"));
    int start = section.indexOf("```json\n") + "```json\n".length();
    String json = section.substring(start, section.indexOf("```", start));
    Path folder = Files.createDirectory(dir.resolve("automation-rules"));
    Files.writeString(folder.resolve("prod.json"), json);

    assertThat(run("rules", "validate", folder.toString())).isZero();
    out.toString().lines().forEach(line -> assertThat(section).contains("# " + line));
    assertThat(run("rules", "lint", folder.toString())).isZero();
    assertThat(run("rules", "test", "--rules", folder.toString(), "--now", "2026-11-01T00:00:00Z",
        "examples/securityhub-findings.json")).isZero();
    assertThat(out.toString()).contains(lines("  matched: \"Elevate production\"",
        "  Severity.Label: HIGH → CRITICAL (rule \"Elevate production\")"));
    assertThat(section).contains("# " + out.toString().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void every_rules_command_has_help_with_examples() {
    for (String command : List.of("validate", "test", "simulate", "lint")) {
      assertThat(run("rules", command, "--help")).isZero();
      assertThat(out.toString()).as(command).contains("Usage: riskline rules " + command).contains("Examples:");
    }
    assertThat(run("rules", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: riskline rules").contains("validate").contains("simulate")
        .contains("Examples:");
    assertThat(run("rules", "simulate", "--help")).isZero();
    assertThat(out.toString()).contains("uses the stored findings as the provider records");
  }
}

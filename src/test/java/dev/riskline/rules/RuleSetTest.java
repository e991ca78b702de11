package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.riskline.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading rule files and folders from disk, and applying one rule set from many threads. */
class RuleSetTest {
  private static final String SUPPRESS_LOW = """
      {"RuleName": "suppress low", "RuleOrder": 1, "Description": "d",
       "Criteria": {"SeverityLabel": [{"Comparison": "EQUALS", "Value": "LOW"}]},
       "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Workflow": {"Status": "SUPPRESSED"}}}]}
      """;
  private static final String RAISE_HIGH = """
      - RuleName: raise high
        RuleOrder: 1
        Description: d
        Criteria:
          SeverityLabel: [{Comparison: EQUALS, Value: HIGH}]
        Actions:
          - Type: FINDING_FIELDS_UPDATE
            FindingFieldsUpdate: {Severity: {Label: CRITICAL}}
      """;

  @TempDir
  Path dir;

  @Test
  void a_folder_contributes_its_json_and_yaml_files_sorted_by_name() throws IOException {
    Files.writeString(dir.resolve("b-raise.yaml"), RAISE_HIGH);
    Files.writeString(dir.resolve("a-suppress.json"), SUPPRESS_LOW);
    Files.writeString(dir.resolve("notes.txt"), "not a rule");
    Files.writeString(dir.resolve(".hidden.json"), "not json");
    Files.createDirectory(dir.resolve("drafts"));
    Files.writeString(dir.resolve("drafts").resolve("draft.json"), "not json");

    RuleSet rules = RuleSet.load(List.of(dir));

    assertThat(rules.size()).isEqualTo(2);
    assertThat(rules.evaluationOrder()).containsExactly("suppress low", "raise high");
  }

  @Test
  void files_and_folders_load_in_the_order_given() throws IOException {
    Path yaml = Files.writeString(dir.resolve("raise.yml"), RAISE_HIGH);
    Path json = Files.writeString(dir.resolve("suppress.json"), SUPPRESS_LOW);

    assertThat(RuleSet.load(List.of(yaml, json)).evaluationOrder()).containsExactly("raise high", "suppress low");
  }

  @Test
  void every_problem_in_every_file_is_reported_at_once() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), SUPPRESS_LOW.replace("\"LOW\"", "\"low\"")
        .replace("\"RuleOrder\": 1", "\"RuleOrder\": 0"));
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "RuleName: [unclosed\n");
    Path missing = dir.resolve("missing.json");

    RulesException e = catchThrowableOfType(RulesException.class, () -> RuleSet.load(List.of(bad, broken, missing)));

    assertThat(e.problems()).containsExactly(
        bad + ": rule \"suppress low\" (1): RuleOrder: expected an integer 1..1000 but was 0",
        broken + ": line 1, column 20: not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>",
        missing + ": expected a rule file or a folder of rule files but nothing is there");
    assertThat(e.badInput()).isTrue();
    assertThat(e.hint()).isNotBlank();
  }

  @Test
  void the_quota_of_100_rules_counts_every_file() throws IOException {
    Path first = Files.writeString(dir.resolve("first.json"), many(60));
    Path second = Files.writeString(dir.resolve("second.json"), many(41));

    RulesException e = catchThrowableOfType(RulesException.class, () -> RuleSet.load(List.of(first, second)));

    assertThat(e.problems()).containsExactly(first + ", " + second
        + ": expected at most 100 rules (Security Hub's quota per account and Region) but was 101");
    assertThat(RuleSet.load(List.of(first)).size()).isEqualTo(60);
  }

  @Test
  void one_rule_set_serves_many_threads() throws IOException {
    RuleSet rules = RuleSet.parse("rules.yaml", RAISE_HIGH);
    Finding finding = Finding.of(RuleCasesTest.base(null));
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Applied once = rules.apply(finding, now);

    List<Applied> all = IntStream.range(0, 2_000).parallel().mapToObj(i -> rules.apply(finding, now)).toList();

    assertThat(all).allSatisfy(a -> {
      assertThat(a.result()).isEqualTo(once.result());
      assertThat(a.changes()).isEqualTo(once.changes());
    });
    assertThat(finding.severityLabel().name()).isEqualTo("HIGH");
  }

  private static String many(int n) {
    return "[" + String.join(",", java.util.Collections.nCopies(n, SUPPRESS_LOW)) + "]";
  }
}

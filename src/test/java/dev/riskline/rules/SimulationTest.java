package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.riskline.finding.Finding;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting what rule sets would do to many findings, alone and compared, in bounded memory. */
class SimulationTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final String RULES = """
      [{"RuleName": "Elevate prod", "RuleOrder": 1, "Description": "d",
        "Criteria": {"AwsAccountId": [{"Comparison": "EQUALS", "Value": "123456789012"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Severity": {"Label": "CRITICAL"}}}]},
       {"RuleName": "Stop on low", "RuleOrder": 2, "Description": "d", "IsTerminal": true,
        "Criteria": {"SeverityLabel": [{"Comparison": "EQUALS", "Value": "LOW"}]},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Workflow": {"Status": "SUPPRESSED"}}}]},
       {"RuleName": "Confidence", "RuleOrder": 3, "Description": "d", "Criteria": {},
        "Actions": [{"Type": "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate": {"Confidence": 80}}]}]
      """;

  private static Finding finding(String account, String label, Map<String, Object> more) throws Exception {
    Map<String, Object> tree = new HashMap<>(RuleCasesTest.base(Map.of()));
    tree.put("AwsAccountId", account);
    tree.put("Severity", Map.of("Label", label));
    tree.putAll(more);
    return Finding.of(tree);
  }

  @Test
  void counts_per_rule_what_it_matched_and_changed_and_the_final_values_in_total() throws Exception {
    Simulation s = Simulation.of(RuleSet.parse("rules.json", RULES), NOW);

    s.add(finding("123456789012", "HIGH", Map.of()));
    s.add(finding("123456789012", "CRITICAL", Map.of()));
    s.add(finding("999999999999", "LOW", Map.of()));

    assertThat(s.findings()).isEqualTo(3);
    assertThat(s.matched()).isEqualTo(3);
    assertThat(s.changed()).as("the CRITICAL finding gains Severity.Normalized").isEqualTo(3);
    assertThat(s.rules()).extracting(Simulation.RuleCount::rule, Simulation.RuleCount::matched,
        Simulation.RuleCount::changed).containsExactly(
            org.assertj.core.groups.Tuple.tuple("Elevate prod", 2L, 2L),
            org.assertj.core.groups.Tuple.tuple("Stop on low", 1L, 1L),
            org.assertj.core.groups.Tuple.tuple("Confidence", 2L, 0L));
    assertThat(s.rules().get(0).changes()).containsExactly(
        new Simulation.Tally("Severity.Label", null, "CRITICAL", 1),
        new Simulation.Tally("Severity.Normalized", null, "90", 2));
    assertThat(s.totals()).containsExactly(
        new Simulation.Tally("Severity.Label", null, "CRITICAL", 1),
        new Simulation.Tally("Severity.Normalized", null, "90", 2),
        new Simulation.Tally("Workflow.Status", null, "SUPPRESSED", 1));
  }

  @Test
  void a_comparison_counts_final_values_that_differ_and_rules_added_removed_and_changed() throws Exception {
    RuleSet old = RuleSet.parse("old.json", RULES.replace("\"RuleOrder\": 2", "\"RuleOrder\": 20")
        .replace("\"Confidence\": 80", "\"Confidence\": 50").replace("Elevate prod", "Raise prod"));
    Simulation s = Simulation.comparing(RuleSet.parse("rules.json", RULES), old, NOW);

    s.add(finding("123456789012", "HIGH", Map.of()));
    s.add(finding("999999999999", "LOW", Map.of()));

    assertThat(s.comparing()).isTrue();
    assertThat(s.rulesAdded()).containsExactly("Elevate prod");
    assertThat(s.rulesRemoved()).containsExactly("Raise prod");
    assertThat(s.rulesChanged()).isEqualTo(Map.of("Stop on low", List.of("RuleOrder 20 → 2"),
        "Confidence", List.of("Actions")));
    assertThat(s.differing()).isEqualTo(2);
    assertThat(s.differences()).as("the new rules keep Confidence 80; the old ones set 50, before \"Stop on low\"")
        .containsExactly(new Simulation.Tally("Confidence", "50", "80", 2));
  }

  @Test
  void more_distinct_values_of_a_field_than_the_limit_are_counted_together() throws Exception {
    RuleSet notes = RuleSet.parse("notes.json", """
        {"RuleName": "Note", "RuleOrder": 1, "Description": "d", "Criteria": {},
         "Actions": [{"Type": "FINDING_FIELDS_UPDATE",
                      "FindingFieldsUpdate": {"Note": {"Text": "checked", "UpdatedBy": "rules"}}}]}""");
    Simulation s = Simulation.comparing(RuleSet.empty(), notes, NOW);

    for (int i = 0; i < Tallies.VALUES_PER_FIELD + 10; i++) {
      s.add(finding("123456789012", "HIGH", Map.of("Note", Map.of("Text", "note " + i, "UpdatedBy", "alice",
          "UpdatedAt", "2026-05-20T00:00:00Z"))));
    }

    List<Simulation.Tally> text = s.differences().stream().filter(t -> t.field().equals("Note.Text")).toList();
    assertThat(text).hasSize(Tallies.VALUES_PER_FIELD + 1);
    assertThat(text.get(0)).isEqualTo(new Simulation.Tally("Note.Text", Simulation.OTHER, Simulation.OTHER, 10));
    assertThat(text.stream().mapToLong(Simulation.Tally::count).sum()).isEqualTo(Tallies.VALUES_PER_FIELD + 10);
  }

  @Test
  void a_note_the_finding_already_carries_is_no_change_when_only_its_time_would_move() throws Exception {
    RuleSet rules = RuleSet.parse("note.json", """
        [{"RuleName": "Note prod", "RuleOrder": 1, "Description": "d",
          "Criteria": {"AwsAccountId": [{"Comparison": "EQUALS", "Value": "123456789012"}]},
          "Actions": [{"Type": "FINDING_FIELDS_UPDATE",
                       "FindingFieldsUpdate": {"Note": {"Text": "prod", "UpdatedBy": "rules"}}}]}]
        """);
    Finding noted = finding("123456789012", "HIGH",
        Map.of("Note", Map.of("Text", "prod", "UpdatedBy", "rules", "UpdatedAt", "2026-01-01T00:00:00.000Z")));
    Finding bare = finding("123456789012", "HIGH", Map.of());
    Simulation sim = Simulation.of(rules, NOW);

    sim.add(noted);
    sim.add(bare);

    assertThat(sim.matched()).isEqualTo(2);
    assertThat(sim.changed()).isEqualTo(1);
    assertThat(sim.rules().get(0).changed()).isEqualTo(1);
  }
}

package dev.riskline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import dev.riskline.rules.RuleSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({"1,42", "10,42", "100,42", "1,7", "10,7", "100,7", "37,1", "100,-3", "100,123456789"})
  void generated_rules_load_without_problems(int count, long seed) {
    RuleSet rules = RuleSet.parse("generated.json", RuleGenerator.rules(count, seed));
    assertThat(rules.size()).isEqualTo(count);
  }

  @Test
  void the_same_seed_gives_the_same_rules_and_another_seed_other_ones() {
    assertThat(RuleGenerator.rules(100, 5)).isEqualTo(RuleGenerator.rules(100, 5));
    assertThat(RuleGenerator.rules(100, 5)).isNotEqualTo(RuleGenerator.rules(100, 6));
  }

  @Test
  void rules_have_three_to_six_criteria_unique_names_and_orders_in_range() {
    List<Map<String, Object>> rules = RuleGenerator.drafts(100, 42);
    Set<Object> names = new HashSet<>();
    for (Map<String, Object> r : rules) {
      assertThat((Map<?, ?>) r.get("Criteria")).hasSizeBetween(3, 6);
      assertThat((Integer) r.get("RuleOrder")).isBetween(1, 1000);
      assertThat(names.add(r.get("RuleName"))).as("unique name %s", r.get("RuleName")).isTrue();
    }
    long terminal = rules.stream().filter(r -> Boolean.TRUE.equals(r.get("IsTerminal"))).count();
    long disabled = rules.stream().filter(r -> "DISABLED".equals(r.get("RuleStatus"))).count();
    assertThat(terminal).isEqualTo(2);
    assertThat(disabled).isBetween(3L, 12L);
  }

  @Test
  void a_hundred_rules_match_at_least_a_fifth_of_generated_findings() {
    RuleSet rules = RuleSet.parse("generated.json", RuleGenerator.rules(100, 42));
    FindingGenerator findings = new FindingGenerator(42, FindingGenerator.DEFAULT_BASE);
    Instant now = FindingGenerator.DEFAULT_BASE;
    int n = 3_000;
    int matched = 0;
    for (int i = 0; i < n; i++) {
      if (rules.apply(Finding.of(findings.next()), now).matched()) matched++;
    }
    assertThat(matched).isGreaterThanOrEqualTo(n / 5).isLessThan(n);
  }

  @Test
  void a_count_outside_one_to_a_hundred_is_refused() {
    assertThatThrownBy(() -> RuleGenerator.rules(0, 1))
        .hasMessage("Expected a rule count of 1..100 but was 0");
    assertThatThrownBy(() -> RuleGenerator.rules(101, 1))
        .hasMessage("Expected a rule count of 1..100 but was 101");
  }

  @Test
  void the_output_is_a_json_array_of_create_automation_rule_requests() throws Exception {
    List<Map<String, Object>> parsed = JSON.readValue(RuleGenerator.rules(3, 42), new TypeReference<>() {});
    assertThat(parsed).hasSize(3);
    assertThat(parsed.get(0)).containsOnlyKeys("RuleName", "RuleOrder", "RuleStatus", "Description",
        "IsTerminal", "Criteria", "Actions");
  }
}

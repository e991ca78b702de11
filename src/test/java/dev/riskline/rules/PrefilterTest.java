package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.bench.FindingGenerator;
import dev.riskline.bench.RuleGenerator;
import dev.riskline.finding.Finding;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Skipping rules that cannot match changes nothing: the same rules match and the same fields change. */
class PrefilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({"100,42", "100,7", "37,1"})
  @SuppressWarnings("unchecked")
  void prefiltered_rules_give_the_results_of_trying_every_rule(int count, long seed) throws Exception {
    RuleSet rules = RuleSet.parse("generated.json", RuleGenerator.rules(count, seed));
    FindingGenerator findings = new FindingGenerator(seed, FindingGenerator.DEFAULT_BASE);
    Instant now = Instant.parse("2026-11-15T00:00:00Z");
    int matched = 0;
    for (int i = 0; i < 3_000; i++) {
      Map<String, Object> tree = JSON.readValue(JSON.writeValueAsBytes(findings.next()), Map.class);
      Finding f = Finding.of(tree);

      Applied fast = rules.apply(f, f, now, RuleSet.Trace.NONE, true);
      Applied all = rules.apply(f, f, now, RuleSet.Trace.NONE, false);

      assertThat(fast.matchedRules()).isEqualTo(all.matchedRules());
      assertThat(fast.result().json()).isEqualTo(all.result().json());
      matched += fast.matchedRules().size();
    }
    assertThat(matched).as("rules matched across the findings").isGreaterThan(300);
  }
}

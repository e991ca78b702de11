package dev.riskline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Asff;
import dev.riskline.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Automation rule semantics as case tables ({@code rules/cases/*.json}, each {@code {about, cases}}). A case
 * gives rules, a finding (its fields laid over {@code rules/base-finding.json}, null removing one; or
 * {@code fullFinding} to replace the base), an evaluation time {@code now} (default
 * 2026-06-01T00:00:00Z) and the expected rules matched, field values (dotted paths; null = absent) and,
 * optionally, the exact list of changes. To keep cases short, a rule without {@code Description} gets one,
 * without {@code RuleOrder} gets its 1-based position, and without {@code Actions} gets a note action
 * ({@code Note.Text} = {@code matched <RuleName>}).
 */
class RuleCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_NOW = "2026-06-01T00:00:00Z";

  record Case(String file, String name, List<Map<String, Object>> rules, Map<String, Object> finding,
      Map<String, Object> fullFinding, String now, Expected expected) {
    @Override
    public String toString() {
      return file + ": " + name;
    }
  }

  record Expected(List<String> matched, Map<String, Object> fields, List<Map<String, Object>> changes) {}

  record CaseFile(String about, List<Case> cases) {}

  static Stream<Case> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(RuleCasesTest.class.getResource("/rules/cases").toURI());
    List<Case> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        CaseFile cf = JSON.readValue(f.toFile(), CaseFile.class);
        for (Case c : cf.cases()) {
          all.add(new Case(f.getFileName().toString(), c.name(), c.rules(), c.finding(), c.fullFinding(), c.now(),
              c.expected()));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rules_apply_as_security_hub(Case c) throws Exception {
    RuleSet rules = RuleSet.parse(c.name() + ".json", JSON.writeValueAsString(withDefaults(c.rules())));
    Finding provider = Finding.of(c.fullFinding() != null ? c.fullFinding() : base(c.finding()));
    String before = JSON.writeValueAsString(provider.json());
    Instant now = Instant.parse(c.now() == null ? DEFAULT_NOW : c.now());

    Applied applied = rules.apply(provider, now);

    assertThat(applied.matchedRules()).as("matched rules").isEqualTo(c.expected().matched());
    Map<String, Object> fields = c.expected().fields() == null ? Map.of() : c.expected().fields();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      assertThat(normal(at(applied.result().json(), e.getKey()))).as(e.getKey()).isEqualTo(normal(e.getValue()));
    }
    if (c.expected().changes() != null) {
      List<Map<String, Object>> changes = applied.changes().stream().map(ch -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", ch.rule());
        m.put("field", ch.field());
        m.put("before", normal(ch.before()));
        m.put("after", normal(ch.after()));
        return m;
      }).toList();
      assertThat(changes).as("changes").isEqualTo(normal(c.expected().changes()));
    }
    assertThat(JSON.writeValueAsString(provider.json())).as("the provider finding is unchanged").isEqualTo(before);
    if (Asff.validate(provider.json()).isEmpty()) {
      assertThat(Asff.validate(applied.result().json())).as("the result is valid ASFF").isEmpty();
    }
    if (applied.matchedRules().isEmpty()) assertThat(applied.result()).isSameAs(provider);
  }

  @Test
  void the_base_finding_is_valid_asff() throws IOException {
    assertThat(Asff.validate(base(Map.of()))).isEmpty();
  }

  @Test
  void cases_use_every_criteria_field() throws Exception {
    Set<String> used = new TreeSet<>();
    forEachRule(r -> used.addAll(map(r.get("Criteria")).keySet()));
    assertThat(used).containsExactlyInAnyOrderElementsOf(Fields.NAMES);
  }

  @Test
  void cases_use_every_comparison_and_every_update_field() throws Exception {
    Set<String> comparisons = new TreeSet<>();
    Set<String> updates = new TreeSet<>();
    forEachRule(r -> {
      for (Object filters : map(r.get("Criteria")).values()) {
        for (Object f : (List<?>) filters) {
          Map<String, Object> m = map(f);
          if (m.get("Comparison") instanceof String s) comparisons.add(s);
          if (m.get("DateRange") != null) comparisons.add(String.valueOf(map(m.get("DateRange")).get("Comparison")));
          for (String k : List.of("Start", "End", "Eq", "Gt", "Gte", "Lt", "Lte")) {
            if (m.containsKey(k)) comparisons.add(k);
          }
        }
      }
      for (Object a : r.get("Actions") == null ? List.of() : (List<?>) r.get("Actions")) {
        updates.addAll(map(map(a).get("FindingFieldsUpdate")).keySet());
      }
    });
    assertThat(comparisons).containsAll(Comparison.FOR_STRINGS)
        .contains("Start", "End", "WITHIN", "OLDER_THAN", "Eq", "Gt", "Gte", "Lt", "Lte");
    assertThat(updates).containsExactlyInAnyOrderElementsOf(Updates.NAMES);
  }

  // ---- helpers ----

  private static void forEachRule(java.util.function.Consumer<Map<String, Object>> action) throws Exception {
    for (Case c : cases().toList()) {
      for (Map<String, Object> r : c.rules()) action.accept(r);
    }
  }

  private static List<Map<String, Object>> withDefaults(List<Map<String, Object>> rules) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Map<String, Object> r = new LinkedHashMap<>(rules.get(i));
      r.putIfAbsent("Description", "case rule");
      r.putIfAbsent("RuleOrder", i + 1);
      r.putIfAbsent("Actions", List.of(Map.of("Type", "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate",
          Map.of("Note", Map.of("Text", "matched " + r.get("RuleName"), "UpdatedBy", "cases")))));
      out.add(r);
    }
    return out;
  }

  static Map<String, Object> base(Map<String, Object> overrides) throws IOException {
    Map<String, Object> tree;
    try (InputStream in = RuleCasesTest.class.getResourceAsStream("/rules/base-finding.json")) {
      tree = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
    if (overrides != null) {
      for (Map.Entry<String, Object> e : overrides.entrySet()) {
        if (e.getValue() == null) tree.remove(e.getKey());
        else tree.put(e.getKey(), e.getValue());
      }
    }
    return tree;
  }

  private static Object at(Map<String, Object> tree, String path) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) return null;
      node = m.get(part);
    }
    return node;
  }

  /** Numbers as BigDecimal without trailing zeros, so 70, 70L and 70.0 compare equal. */
  private static Object normal(Object v) {
    if (v instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros();
    if (v instanceof List<?> l) return l.stream().map(RuleCasesTest::normal).toList();
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normal(x)));
      return out;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}

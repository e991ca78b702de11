package dev.riskline.bench;

import static dev.riskline.bench.Tree.list;
import static dev.riskline.bench.Tree.obj;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.riskline.bench.RuleKinds.Draft;
import dev.riskline.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seeded generator of realistic Security Hub automation rules for the estate the {@link FindingGenerator}
 * reports on: severity raised for production accounts, informational GuardDuty and Macie findings suppressed,
 * criticality from resource tags, failed controls routed to their team, known exploited CVEs, date, number and
 * map criteria, exclusions with {@code NOT_EQUALS} and {@code PREFIX_NOT_EQUALS}, 3–6 criteria a rule. Every
 * twelfth rule is {@code DISABLED}; from ten rules on, two narrow {@code IsTerminal} rules come late in the order.
 * Rules are in {@code CreateAutomationRule} shape, {@code RuleOrder} 10, 20, … 1000, and always load with
 * {@link RuleSet#parse}.
 *
 * <p>Stateless and thread-safe: each call draws from its own seeded source; the same count and seed give the
 * same text on every JVM.
 */
public final class RuleGenerator {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int ORDER_STEP = 10;
  private static final int DISABLED_EVERY = 12;

  private RuleGenerator() {}

  /**
   * A JSON array of {@code count} automation rules drawn with {@code seed}.
   *
   * @param count 1..{@value RuleSet#MAX_RULES}, Security Hub's quota per account and Region
   * @throws IllegalArgumentException when count is out of range
   */
  public static String rules(int count, long seed) {
    if (count < 1 || count > RuleSet.MAX_RULES) {
      throw new IllegalArgumentException("Expected a rule count of 1.." + RuleSet.MAX_RULES + " but was " + count);
    }
    try {
      return JSON.writeValueAsString(drafts(count, seed)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write generated rules: " + e.getMessage(), e);
    }
  }

  /** The rules as trees, in order: every kind once, then kinds drawn at random, terminals late. */
  static List<Map<String, Object>> drafts(int count, long seed) {
    Rand rand = new Rand(seed);
    RuleKinds kinds = new RuleKinds(rand);
    Set<String> names = new HashSet<>();
    List<Map<String, Object>> out = new ArrayList<>(count);
    int terminals = 0;
    for (int i = 0; i < count; i++) {
      boolean terminal = count >= 10 && (i == count - 1 || i == count - 3);
      Draft d = terminal ? kinds.terminal(terminals++)
          : kinds.draft(i < RuleKinds.KINDS ? i : rand.nextInt(RuleKinds.KINDS));
      boolean disabled = !terminal && i % DISABLED_EVERY == DISABLED_EVERY - 1;
      out.add(rule(unique(d.name(), names), i, disabled, terminal, d));
    }
    return out;
  }

  private static Map<String, Object> rule(String name, int index, boolean disabled, boolean terminal, Draft d) {
    return obj(
        "RuleName", name,
        "RuleOrder", (index + 1) * ORDER_STEP,
        "RuleStatus", disabled ? "DISABLED" : "ENABLED",
        "Description", d.description(),
        "IsTerminal", terminal,
        "Criteria", d.criteria(),
        "Actions", list(obj("Type", "FINDING_FIELDS_UPDATE", "FindingFieldsUpdate", d.update())));
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) candidate = name + " (" + n + ")";
    return candidate;
  }
}

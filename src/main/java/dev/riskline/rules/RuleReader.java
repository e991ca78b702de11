package dev.riskline.rules;

import dev.riskline.finding.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads the rules of one parsed document. A document is one rule object (the {@code CreateAutomationRule}
 * request), an array of them, {@code {"Rules": [...]}}, or the output of
 * {@code aws securityhub batch-get-automation-rules} ({@code AutomationRulesConfig} objects, which add
 * {@code RuleArn}, {@code CreatedAt}, {@code UpdatedAt}, {@code CreatedBy}). Every problem becomes one line
 * {@code <source>: rule "<RuleName>" (<index>): <json path>: <message>}. Stateless and thread-safe.
 */
final class RuleReader {
  static final List<String> FIELDS = List.of("Actions", "CreatedAt", "CreatedBy", "Criteria", "Description",
      "IsTerminal", "RuleArn", "RuleName", "RuleOrder", "RuleStatus", "Tags", "UpdatedAt");
  static final List<String> WRAPPER_FIELDS = List.of("Rules", "UnprocessedAutomationRules");

  private RuleReader() {}

  /** The rule entries of a document, or an empty list after adding the document's problem to {@code errors}. */
  static List<?> entries(String source, Object tree, List<String> errors) {
    if (tree instanceof List<?> list) return list;
    if (tree instanceof Map<?, ?> map && map.containsKey("Rules")) {
      for (Object key : map.keySet()) {
        if (!WRAPPER_FIELDS.contains(key)) {
          errors.add(source + ": expected a field name from " + WRAPPER_FIELDS + " but was " + Check.describe(key));
        }
      }
      if (map.get("Rules") instanceof List<?> list) return list;
      errors.add(source + ": Rules: expected an array but was " + Check.describe(map.get("Rules")));
      return List.of();
    }
    if (tree instanceof Map<?, ?>) return List.of(tree);
    errors.add(source + ": expected a rule object, an array of rules or {\"Rules\": [...]} but was "
        + Check.describe(tree));
    return List.of();
  }

  /** The rule at {@code index} (1-based) of {@code source}, or null after adding its problems to {@code errors}. */
  static Rule read(String source, int index, Object json, List<String> errors) {
    Check check = new Check();
    Map<String, Object> rule = check.object(json, "");
    if (rule == null) {
      report(source, null, index, check, errors);
      return null;
    }
    check.fields(rule, "", FIELDS);
    String name = check.string(rule, "RuleName", "", true);
    Integer order = check.integer(rule, "RuleOrder", "", true, 1, 1000);
    String status = check.oneOf(rule, "RuleStatus", "", false, List.of("ENABLED", "DISABLED"));
    String description = check.string(rule, "Description", "", true);
    Boolean terminal = check.bool(rule, "IsTerminal", "");
    Criteria criteria = required(rule, "Criteria", check) ? Criteria.compile(rule.get("Criteria"), "Criteria", check)
        : null;
    Action action = required(rule, "Actions", check) ? Action.compile(rule.get("Actions"), "Actions", check) : null;
    tags(rule.get("Tags"), check);
    check.string(rule, "RuleArn", "", false);
    check.string(rule, "CreatedBy", "", false);
    check.timestamp(rule, "CreatedAt", "");
    Instant updatedAt = check.timestamp(rule, "UpdatedAt", "");
    if (check.count() > 0) {
      report(source, rule.get("RuleName") instanceof String s ? s : null, index, check, errors);
      return null;
    }
    return new Rule(name, order, !"DISABLED".equals(status), description, Boolean.TRUE.equals(terminal), criteria,
        action, updatedAt, source, index, frozenObject(rule));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> frozenObject(Map<String, Object> rule) {
    return (Map<String, Object>) Update.frozen(rule);
  }

  private static boolean required(Map<String, Object> rule, String key, Check check) {
    if (rule.get(key) != null) return true;
    check.missing(key);
    return false;
  }

  private static void tags(Object json, Check check) {
    if (json == null) return;
    Map<String, Object> tags = check.object(json, "Tags");
    if (tags == null) return;
    if (tags.isEmpty() || tags.size() > 50) check.add("Tags", "expected 1..50 tags but was " + tags.size());
    for (Map.Entry<String, Object> e : tags.entrySet()) {
      if (!(e.getValue() instanceof String)) check.fail(Check.at("Tags", e.getKey()), "expected a string", e.getValue());
    }
  }

  private static void report(String source, String name, int index, Check check, List<String> errors) {
    String where = Rule.where(source, name, index) + ": ";
    for (Problem p : check.problems()) errors.add(where + p);
  }
}

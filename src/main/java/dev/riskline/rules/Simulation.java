package dev.riskline.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskline.finding.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a rule set would do to many findings, counted: per rule, how many findings it matched and how many
 * it changed, with counts per changed field and new value; in total, how many findings matched a rule and
 * how many would end with different values, per field and final value. Compared with an older rule set
 * ({@link #comparing}), also how many findings would end differently under the two, per field and
 * old → new final value, and which rules were added, removed or changed by name.
 *
 * <p>Each finding added is taken as both the provider's record (for criteria) and the finding the actions
 * change, as {@link RuleSet#apply(Finding, Instant)} does. Memory holds counts only: per field at most
 * {@value Tallies#VALUES_PER_FIELD} distinct values are counted apart, the rest under {@link #OTHER}. Values
 * are shown as text: strings as they are, numbers in decimal, lists and objects as JSON, null when absent.
 *
 * <p>Not thread-safe: one thread adds the findings, then reads the counts.
 */
public final class Simulation {
  /** Stands for the values of a field beyond the first {@value Tallies#VALUES_PER_FIELD} counted. */
  public static final String OTHER = "(other values)";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How many findings had {@code field} go from {@code before} to {@code after}.
   *
   * @param before the value before; null where only the new value is counted, or when absent
   * @param after the value after, or null when absent
   */
  public record Tally(String field, String before, String after, long count) {}

  /**
   * One enabled rule's counts, in evaluation order.
   *
   * @param where the rule: {@code rules/prod.json: rule "Elevate prod" (1)}
   * @param matched findings whose criteria it matched (and that an earlier terminal rule did not stop)
   * @param changed of those, findings where its action changed at least one value
   * @param changes per field and new value, the findings it changed so
   */
  public record RuleCount(String rule, String where, long matched, long changed, List<Tally> changes) {}

  private final RuleSet rules;
  private final RuleSet old;
  private final Instant now;
  private final List<Rule> evaluated;
  private final long[] matched;
  private final long[] changed;
  private final Tallies[] perRule;
  private final Tallies totals = new Tallies();
  private final Tallies differences = new Tallies();
  private final RuleDiff diff;
  private long findings;
  private long matchedAny;
  private long changedAny;
  private long differing;

  private Simulation(RuleSet rules, RuleSet old, Instant now) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.old = old;
    this.now = Objects.requireNonNull(now, "now");
    this.evaluated = rules.evaluated();
    this.matched = new long[evaluated.size()];
    this.changed = new long[evaluated.size()];
    this.perRule = new Tallies[evaluated.size()];
    for (int i = 0; i < perRule.length; i++) perRule[i] = new Tallies();
    this.diff = old == null ? null : RuleDiff.of(old.rules(), rules.rules());
  }

  /** A simulation of {@code rules} evaluated at {@code now}. */
  public static Simulation of(RuleSet rules, Instant now) {
    return new Simulation(rules, null, now);
  }

  /** A simulation of {@code rules} that also runs {@code old} on every finding and counts the differences. */
  public static Simulation comparing(RuleSet rules, RuleSet old, Instant now) {
    return new Simulation(rules, Objects.requireNonNull(old, "old"), now);
  }

  /** Runs the rules on one finding and counts what they did. */
  public void add(Finding finding) {
    findings++;
    Applied applied = rules.apply(finding, finding, now, this::ruleMatched);
    if (applied.matched()) matchedAny++;
    Set<String> touched = touched(applied);
    boolean changes = false;
    for (String field : touched) {
      Object after = valueAt(applied.result(), field);
      if (Objects.equals(valueAt(finding, field), after)) continue;
      totals.add(field, null, show(after));
      changes = true;
    }
    if (changes) changedAny++;
    if (old != null) compare(finding, applied, touched);
  }

  private void ruleMatched(int position, List<FieldChange> changes) {
    matched[position]++;
    List<FieldChange> counted = withoutBareNoteTime(changes);
    if (counted.isEmpty()) return;
    changed[position]++;
    for (FieldChange c : counted) perRule[position].add(c.field(), null, show(c.after()));
  }

  private void compare(Finding finding, Applied applied, Set<String> touched) {
    Applied before = old.apply(finding, finding, now);
    Set<String> fields = new LinkedHashSet<>(touched);
    fields.addAll(touched(before));
    boolean differs = false;
    for (String field : fields) {
      Object was = valueAt(before.result(), field);
      Object is = valueAt(applied.result(), field);
      if (Objects.equals(was, is)) continue;
      differences.add(field, show(was), show(is));
      differs = true;
    }
    if (differs) differing++;
  }

  /** Findings added. */
  public long findings() {
    return findings;
  }

  /** Findings that matched at least one rule. */
  public long matched() {
    return matchedAny;
  }

  /** Findings that would end with at least one value different from the one they have. */
  public long changed() {
    return changedAny;
  }

  /** Per enabled rule, in evaluation order: what it matched and changed. */
  public List<RuleCount> rules() {
    List<RuleCount> out = new ArrayList<>(evaluated.size());
    for (int i = 0; i < evaluated.size(); i++) {
      Rule r = evaluated.get(i);
      out.add(new RuleCount(r.name(), r.where(), matched[i], changed[i], perRule[i].list()));
    }
    return List.copyOf(out);
  }

  /** Per field and final value, the findings that would end with that value instead of the one they have. */
  public List<Tally> totals() {
    return totals.list();
  }

  /** True when built by {@link #comparing}. */
  public boolean comparing() {
    return old != null;
  }

  /** With {@link #comparing}: the findings whose final values differ between the old and the new rules. */
  public long differing() {
    return differing;
  }

  /** With {@link #comparing}: per field, old final value and new final value, the findings that differ so. */
  public List<Tally> differences() {
    return differences.list();
  }

  /** With {@link #comparing}: names of rules only the new set has, in file order; empty otherwise. */
  public List<String> rulesAdded() {
    return diff == null ? List.of() : diff.added();
  }

  /** With {@link #comparing}: names of rules only the old set has, in file order; empty otherwise. */
  public List<String> rulesRemoved() {
    return diff == null ? List.of() : diff.removed();
  }

  /**
   * With {@link #comparing}: name → what changed ({@code RuleOrder 10 → 20}, {@code RuleStatus ENABLED →
   * DISABLED}, {@code IsTerminal false → true}, {@code Criteria}, {@code Actions}), for rules in both sets.
   */
  public Map<String, List<String>> rulesChanged() {
    return diff == null ? Map.of() : diff.changed();
  }

  /** The fields the rules changed (see {@link #withoutBareNoteTime}). */
  private static Set<String> touched(Applied applied) {
    Set<String> fields = new LinkedHashSet<>();
    for (FieldChange c : withoutBareNoteTime(applied.changes())) fields.add(c.field());
    return fields;
  }

  /**
   * The changes, less {@code Note.UpdatedAt} when nothing else of the note changed: re-applying a rule
   * to a finding that already carries its note only moves the note's time, which is no change a team
   * needs to review.
   */
  private static List<FieldChange> withoutBareNoteTime(List<FieldChange> changes) {
    boolean noteChanged = changes.stream().anyMatch(c -> c.field().startsWith("Note.") && !c.field().equals(NOTE_TIME));
    return noteChanged ? changes : changes.stream().filter(c -> !c.field().equals(NOTE_TIME)).toList();
  }

  private static final String NOTE_TIME = "Note.UpdatedAt";

  /** The value of a dotted field as {@link FieldChange} names it: one top-level key, then at most one more. */
  private static Object valueAt(Finding finding, String field) {
    int dot = field.indexOf('.');
    if (dot < 0) return finding.json().get(field);
    Object parent = finding.json().get(field.substring(0, dot));
    return parent instanceof Map<?, ?> m ? m.get(field.substring(dot + 1)) : null;
  }

  private static String show(Object value) {
    if (value == null || value instanceof String) return (String) value;
    if (value instanceof Number) return value.toString();
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}

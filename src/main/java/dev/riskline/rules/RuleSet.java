package dev.riskline.rules;

import dev.riskline.finding.Finding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A set of Security Hub automation rules (V1, ASFF), loaded and completely checked before use, applied
 * to findings with Security Hub's semantics (see the package documentation).
 *
 * <p>Load with {@link #load} (files and folders of JSON or YAML rules) or {@link #parse} (one text). Every
 * problem in every file is reported at once in one {@link RulesException}. Defaults: {@code RuleStatus}
 * ENABLED, {@code IsTerminal} false. At most {@value #MAX_RULES} rules, as in Security Hub.
 *
 * <p>Immutable and thread-safe: one instance serves any number of threads.
 */
public final class RuleSet {
  /** Security Hub's quota of automation rules per administrator account and Region. */
  public static final int MAX_RULES = 100;
  private static final Comparator<Rule> EVALUATION_ORDER = Comparator.comparingInt(Rule::order)
      .thenComparing(Rule::updatedAt, Comparator.nullsLast(Comparator.naturalOrder()));

  private final List<Rule> rules;
  private final Rule[] evaluated;
  private final Prefilter prefilter;
  /** Per rule in evaluation order: the criteria the prefilter does not already decide. */
  private final Criteria[] residual;
  private final int files;

  private RuleSet(List<Rule> rules, int files) {
    this.rules = List.copyOf(rules);
    this.files = files;
    List<Rule> enabled = new ArrayList<>();
    for (Rule r : rules) {
      if (r.enabled()) enabled.add(r);
    }
    enabled.sort(EVALUATION_ORDER);
    this.evaluated = enabled.toArray(Rule[]::new);
    this.prefilter = new Prefilter(evaluated);
    this.residual = new Criteria[evaluated.length];
    for (int i = 0; i < evaluated.length; i++) residual[i] = Prefilter.residual(evaluated[i].criteria());
  }

  /** No rules: every finding passes unchanged. */
  public static RuleSet empty() {
    return new RuleSet(List.of(), 0);
  }

  /**
   * The rules of these files and folders (a folder: its {@code .json}, {@code .yaml}, {@code .yml} files
   * sorted by name), in the order given.
   *
   * @throws RulesException listing every problem in every file
   */
  public static RuleSet load(List<Path> paths) {
    String where = paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    return build(RuleFiles.read(paths), where);
  }

  /**
   * The rules of one text, JSON or, when {@code name} ends in {@code .yaml} or {@code .yml}, YAML.
   *
   * @param name how messages name the text, such as a file name
   * @throws RulesException listing every problem
   */
  public static RuleSet parse(String name, String text) {
    return build(List.of(RuleFiles.parse(name, text)), name);
  }

  private static RuleSet build(List<RuleFiles.Document> documents, String where) {
    List<String> errors = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    int count = 0;
    for (RuleFiles.Document d : documents) {
      if (d.problem() != null) {
        errors.add(d.problem());
        continue;
      }
      List<?> entries = RuleReader.entries(d.source(), d.tree(), errors);
      for (int i = 0; i < entries.size(); i++) {
        Rule r = RuleReader.read(d.source(), i + 1, entries.get(i), errors);
        if (r != null) rules.add(r);
      }
      count += entries.size();
    }
    if (count > MAX_RULES) {
      errors.add(where + ": expected at most " + MAX_RULES
          + " rules (Security Hub's quota per account and Region) but was " + count);
    }
    if (!errors.isEmpty()) throw new RulesException(errors);
    return new RuleSet(rules, documents.size());
  }

  /**
   * Applies the rules to a finding as its provider sent it. Enabled rules run in ascending
   * {@code RuleOrder}, ties broken by {@code UpdatedAt} (earlier first, rules without it after those with
   * it, then load order). Every rule's criteria test the provider's finding, never one changed by an earlier
   * rule; the actions of matching rules accumulate, a later rule overwriting an earlier one's value for the
   * same field; a matching terminal rule is the last to run.
   *
   * @param provider the finding as imported from its provider
   * @param now the evaluation clock: anchors {@code DateRange} criteria and stamps {@code Note.UpdatedAt}
   */
  public Applied apply(Finding provider, Instant now) {
    return apply(provider, provider, now);
  }

  /**
   * Evaluates every rule's criteria against the provider's record and applies the matching rules'
   * actions to {@code target}: the finding as imported (Security Hub runs rules on import, evaluating
   * the original, provider-supplied finding and updating the stored one).
   */
  public Applied apply(Finding provider, Finding target, Instant now) {
    return apply(provider, target, now, Trace.NONE);
  }

  /** Sees each matching rule: its position in {@link #evaluated()} and the changes its action made. */
  @FunctionalInterface
  interface Trace {
    Trace NONE = (position, changes) -> { };

    void matched(int position, List<FieldChange> changes);
  }

  /** {@link #apply(Finding, Finding, Instant)}, telling {@code trace} which rules matched and what each changed. */
  Applied apply(Finding provider, Finding target, Instant now, Trace trace) {
    return apply(provider, target, now, trace, true);
  }

  /** As {@link #apply(Finding, Finding, Instant, Trace)}; {@code prefiltered} false tries every rule's criteria. */
  Applied apply(Finding provider, Finding target, Instant now, Trace trace, boolean prefiltered) {
    Objects.requireNonNull(provider, "provider");
    return act(matching(provider, now, prefiltered), target, now, trace);
  }

  /**
   * Which rules a provider's record matches, found once (on any thread) and acted on later with
   * {@link #apply(Matches, Finding, Instant)}: the criteria half of {@link #apply(Finding, Finding, Instant)}.
   */
  public Matches match(Finding provider, Instant now) {
    Objects.requireNonNull(provider, "provider");
    return new Matches(matching(provider, now, true));
  }

  /** The actions half of {@link #apply(Finding, Finding, Instant)}: the matched rules' actions on {@code target}. */
  public Applied apply(Matches matches, Finding target, Instant now) {
    return act(matches.positions, target, now, Trace.NONE);
  }

  /** The rules a record matched, by position in evaluation order, up to the first terminal one. Immutable. */
  public static final class Matches {
    private static final int[] NONE = new int[0];
    private final int[] positions;

    private Matches(int[] positions) {
      this.positions = positions;
    }

    public int size() {
      return positions.length;
    }
  }

  private int[] matching(Finding provider, Instant now, boolean prefiltered) {
    Objects.requireNonNull(now, "now");
    if (evaluated.length == 0) return Matches.NONE;
    Subject original = new Subject(provider.json(), now);
    long[] candidates = prefiltered ? prefilter.candidates(original.tree()) : null;
    int[] found = null;
    int n = 0;
    for (int i = 0; i < evaluated.length; i++) {
      Rule rule = evaluated[i];
      if (candidates != null ? !Prefilter.mayMatch(i, candidates) || !residual[i].test(original)
          : !rule.criteria().test(original)) {
        continue;
      }
      if (found == null) found = new int[Math.min(evaluated.length, 8)];
      if (n == found.length) found = java.util.Arrays.copyOf(found, Math.min(evaluated.length, n * 2));
      found[n++] = i;
      if (rule.terminal()) break;
    }
    return found == null ? Matches.NONE : java.util.Arrays.copyOf(found, n);
  }

  private Applied act(int[] positions, Finding target, Instant now, Trace trace) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(now, "now");
    if (positions.length == 0) return new Applied(target, List.of(), List.of());
    List<String> matched = new ArrayList<>(positions.length);
    List<FieldChange> changes = new ArrayList<>();
    Edit edit = new Edit(target.edit(), changes);
    for (int i : positions) {
      Rule rule = evaluated[i];
      matched.add(rule.name());
      edit.actingFor(rule.name());
      int before = changes.size();
      rule.action().apply(edit, now);
      if (trace != Trace.NONE) trace.matched(i, changes.subList(before, changes.size()));
    }
    return new Applied(target.changedTo(edit.tree()), matched, changes);
  }

  /** The number of rules loaded, enabled or not. */
  public int size() {
    return rules.size();
  }

  /** The names of the enabled rules in the order {@link #apply} runs them. */
  public List<String> evaluationOrder() {
    List<String> names = new ArrayList<>(evaluated.length);
    for (Rule r : evaluated) names.add(r.name());
    return List.copyOf(names);
  }

  /** The number of rule files read (a folder counts its files); 1 for {@link #parse}. */
  public int files() {
    return files;
  }

  /**
   * What no team should ship: rules that can never match, rules that never run behind a terminal rule,
   * control ids matched by CONTAINS or PREFIX, actions always overwritten by a later rule, duplicate names
   * and {@code RuleOrder} values (warnings), and {@code DISABLED} rules (information). In file order, the
   * checks of one rule in that order. Each says where, what, and what to do.
   */
  public List<LintWarning> lint() {
    return Lint.check(rules, evaluated());
  }

  /** All rules as loaded, in file order, for tools in this package (lint, simulation). */
  List<Rule> rules() {
    return rules;
  }

  /** The enabled rules in the order {@link #apply} runs them. */
  List<Rule> evaluated() {
    return List.of(evaluated);
  }
}

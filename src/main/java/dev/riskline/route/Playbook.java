package dev.riskline.route;

import dev.riskline.finding.Finding;
import dev.riskline.risk.FindingPattern;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One playbook: a Markdown file whose front matter says which findings it is for and who owns it, and whose
 * body says what the finding means, how to fix it, how to verify the fix and when to accept the risk. Loaded
 * and checked by {@link Playbooks#load}. Immutable and thread-safe.
 *
 * @param id a short, unique, lower-case name ({@code cis-iam-root})
 * @param title one line for people
 * @param appliesTo the findings it is for
 * @param owner the team that keeps it
 * @param rationale why the automation does what it does, in a sentence or two
 * @param lastReviewed when someone last checked it still holds
 * @param rules the automation rules (by {@code RuleName}) it explains; may be empty
 * @param routes the routes (by name) it explains; may be empty
 * @param body the Markdown after the front matter
 * @param source the file, as messages name it
 */
public record Playbook(String id, String title, AppliesTo appliesTo, String owner, String rationale,
    LocalDate lastReviewed, List<String> rules, List<String> routes, String body, String source) {
  public Playbook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(appliesTo, "appliesTo");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(lastReviewed, "lastReviewed");
    rules = List.copyOf(rules);
    routes = List.copyOf(routes);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Which findings a playbook is for: any of these matches (they are OR-ed).
   *
   * @param controls Security Hub control ids, matched exactly against {@link Finding#controlId()}
   * @param types ASFF finding type prefixes, matched by whole segments ({@code TTPs} matches
   *     {@code TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort} but not {@code TTPsX})
   * @param pattern an EventBridge pattern over the finding, or null
   */
  public record AppliesTo(List<String> controls, List<String> types, FindingPattern pattern) {
    public AppliesTo {
      controls = List.copyOf(controls);
      types = List.copyOf(types);
      if (controls.isEmpty() && types.isEmpty() && pattern == null) {
        throw new IllegalArgumentException("a playbook applies to some control, type or pattern");
      }
    }
  }

  /** How closely a playbook matches a finding: higher is more specific; {@link #NONE} is no match. */
  static final int NONE = 0;
  private static final int PATTERN = 1;
  private static final int TYPE = 100;
  private static final int CONTROL = 1_000;

  /**
   * How specifically this playbook matches the finding: an exact control id ({@code 1000}) beats a type prefix
   * ({@code 100} plus the prefix's number of segments, so {@code TTPs/Initial Access} beats {@code TTPs}), which
   * beats the pattern ({@code 1}); {@code 0} when it does not match.
   */
  int specificity(Finding finding) {
    String control = finding.controlId();
    if (control != null && appliesTo.controls.contains(control)) return CONTROL;
    int best = NONE;
    for (String prefix : appliesTo.types) {
      for (String type : finding.types()) {
        if (type.equals(prefix) || type.startsWith(prefix + "/")) {
          best = Math.max(best, TYPE + (int) prefix.chars().filter(c -> c == '/').count() + 1);
        }
      }
    }
    if (best != NONE) return best;
    return appliesTo.pattern != null && appliesTo.pattern.matches(finding) ? PATTERN : NONE;
  }

  /** True when the playbook applies to the finding. */
  public boolean matches(Finding finding) {
    return specificity(finding) != NONE;
  }
}

package dev.riskline.route;

import dev.riskline.finding.Finding;
import dev.riskline.rules.LintWarning;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The checks of {@link Playbooks#lint}: stale reviews, playbooks that match nothing, rules and routes without one. */
final class PlaybookLint {
  private final List<Playbook> playbooks;
  private final List<LintWarning> out = new ArrayList<>();

  PlaybookLint(List<Playbook> playbooks) {
    this.playbooks = playbooks;
  }

  List<LintWarning> run(LocalDate today, int maxAgeDays, List<Finding> findings, List<String> rules,
      List<String> routes) {
    for (Playbook p : playbooks) age(p, today, maxAgeDays);
    if (findings != null) coverage(findings);
    if (rules != null) named("rule", rules, p -> p.rules());
    if (routes != null) named("route", routes, p -> p.routes());
    return List.copyOf(out);
  }

  private void age(Playbook p, LocalDate today, int maxAgeDays) {
    long days = ChronoUnit.DAYS.between(p.lastReviewed(), today);
    if (days > maxAgeDays) {
      warn(where(p), "last reviewed " + p.lastReviewed() + ", " + days + " days before " + today
          + "; expected a review within " + maxAgeDays + " days: check it still holds and update lastReviewed");
    } else if (days < 0) {
      warn(where(p), "lastReviewed " + p.lastReviewed() + " is after " + today + "; expected the date of a review "
          + "that happened");
    }
  }

  /** Playbooks no finding matches; controls and types whose findings have no playbook. */
  private void coverage(List<Finding> findings) {
    Map<String, Integer> matched = new TreeMap<>();
    Map<String, Integer> controls = new TreeMap<>();
    Map<String, Integer> types = new TreeMap<>();
    for (Finding f : findings) {
      Playbook best = null;
      int bestScore = Playbook.NONE;
      for (Playbook p : playbooks) {
        int score = p.specificity(f);
        if (score != Playbook.NONE) matched.merge(p.id(), 1, Integer::sum);
        if (score > bestScore) {
          best = p;
          bestScore = score;
        }
      }
      if (best != null) continue;
      if (f.controlId() != null) {
        controls.merge(f.controlId(), 1, Integer::sum);
      } else {
        types.merge(f.types().isEmpty() ? "(no type)" : category(f.types().get(0)), 1, Integer::sum);
      }
    }
    for (Playbook p : playbooks) {
      if (!matched.containsKey(p.id())) {
        warn(where(p), "matches none of the " + findings.size() + " findings given; check appliesTo, or remove "
            + "the playbook if nothing it covers is left");
      }
    }
    controls.forEach((control, n) -> warn("control " + control, n + (n == 1 ? " finding has" : " findings have")
        + " no playbook; add " + control + " to the controls of the playbook that explains it"));
    types.forEach((type, n) -> out.add(new LintWarning("type " + type, n + (n == 1 ? " finding has" : " findings have")
        + " no playbook", true)));
  }

  /** Names (rules, routes) that no playbook lists, and names playbooks list that are not there. */
  private void named(String kind, List<String> names, java.util.function.Function<Playbook, List<String>> listed) {
    Set<String> given = new LinkedHashSet<>(names);
    Set<String> explained = new LinkedHashSet<>();
    for (Playbook p : playbooks) {
      for (String name : listed.apply(p)) {
        explained.add(name);
        if (!given.contains(name)) {
          warn(where(p), "names " + kind + " \"" + name + "\" but there is no such " + kind + "; expected one of "
              + given);
        }
      }
    }
    for (String name : given) {
      if (!explained.contains(name)) {
        warn(kind + " \"" + name + "\"", "no playbook names it; add \"" + name + "\" to the " + kind
            + "s of the playbook that explains it");
      }
    }
  }

  /** The namespace and category of a type: {@code TTPs/Discovery}. */
  private static String category(String type) {
    String[] parts = type.split("/");
    return parts.length <= 2 ? type : parts[0] + "/" + parts[1];
  }

  private static String where(Playbook p) {
    return p.source() + ": playbook " + p.id();
  }

  private void warn(String where, String message) {
    out.add(new LintWarning(where, message, false));
  }
}

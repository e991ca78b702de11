package dev.riskline.schedule;

import dev.riskline.finding.Finding;
import dev.riskline.risk.FindingPattern;
import dev.riskline.risk.FindingPatterns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of acceptances, indexed so that the one covering a finding is found in a few map lookups: by
 * finding id (and identity key), control id and vulnerability id; patterns are tried last, all in one
 * event-ruler pass, and only when an active pattern acceptance could beat what the lookups found.
 *
 * <p>{@link #covering} gives the active acceptance that covers a finding; of several, the one that
 * expires last (then the one made first, then the smallest id). Inactive acceptances may be in the set:
 * they never cover anything at that time.
 *
 * <p>Immutable and thread-safe.
 */
public final class Acceptances {
  /** The best first: expires last, then made first, then by id. */
  static final Comparator<Acceptance> BEST = Comparator.comparing(Acceptance::expiresAt).reversed()
      .thenComparing(Acceptance::createdAt).thenComparing(Acceptance::id);
  private static final Acceptances NONE = new Acceptances(List.of());

  private final List<Acceptance> all;
  private final Map<String, List<Acceptance>> byFinding = new HashMap<>();
  private final Map<String, List<Acceptance>> byControl = new HashMap<>();
  private final Map<String, List<Acceptance>> byCve = new HashMap<>();
  private final Map<String, Acceptance> byPatternId = new HashMap<>();
  /** The pattern acceptances, best first. */
  private final List<Acceptance> patternAcceptances = new ArrayList<>();
  private final FindingPatterns patterns;
  /** True when a finding acceptance names an identity key, so findings' keys are worth computing. */
  private final boolean keyed;

  private Acceptances(List<Acceptance> all) {
    this.all = all;
    Map<String, FindingPattern> named = new LinkedHashMap<>();
    boolean anyKey = false;
    for (Acceptance a : all) {
      switch (a.scope()) {
        case FINDING -> {
          byFinding.computeIfAbsent(a.value(), v -> new ArrayList<>()).add(a);
          anyKey |= Acceptance.isIdentityKey(a.value());
        }
        case CONTROL -> byControl.computeIfAbsent(a.value(), v -> new ArrayList<>()).add(a);
        case CVE -> byCve.computeIfAbsent(a.value(), v -> new ArrayList<>()).add(a);
        case PATTERN -> {
          byPatternId.put(a.id(), a);
          patternAcceptances.add(a);
          named.put(a.id(), a.pattern());
        }
        default -> throw new IllegalStateException("scope " + a.scope());
      }
    }
    for (Map<String, List<Acceptance>> index : List.of(byFinding, byControl, byCve)) {
      index.values().forEach(list -> list.sort(BEST));
    }
    patternAcceptances.sort(BEST);
    this.patterns = FindingPatterns.of(named);
    this.keyed = anyKey;
  }

  /** The set of these acceptances (ids must be unique). */
  public static Acceptances of(Collection<Acceptance> acceptances) {
    if (acceptances.isEmpty()) return NONE;
    Map<String, Acceptance> byId = new LinkedHashMap<>();
    for (Acceptance a : acceptances) {
      if (byId.put(a.id(), a) != null) {
        throw new IllegalArgumentException("Expected acceptances with unique ids but " + a.id() + " appears twice");
      }
    }
    return new Acceptances(List.copyOf(byId.values()));
  }

  /** No acceptances: nothing is covered. */
  public static Acceptances none() {
    return NONE;
  }

  /** The active acceptance at {@code now} that covers the finding, expiring last; empty when none does. */
  public Optional<Acceptance> covering(Finding finding, Instant now) {
    if (all.isEmpty()) return Optional.empty();
    Acceptance best = null;
    if (!byFinding.isEmpty()) {
      best = better(best, first(byFinding.get(finding.id()), now));
      if (keyed && finding.productArn() != null && finding.id() != null) {
        best = better(best, first(byFinding.get(finding.identity().key()), now));
      }
    }
    if (!byControl.isEmpty()) best = better(best, first(byControl.get(finding.controlId()), now));
    if (!byCve.isEmpty()) {
      for (Finding.Vulnerability v : finding.vulnerabilities()) best = better(best, first(byCve.get(v.id()), now));
    }
    Acceptance bestPattern = first(patternAcceptances, now);
    if (bestPattern != null && (best == null || BEST.compare(bestPattern, best) < 0)) {
      for (String id : patterns.matching(finding)) {
        Acceptance a = byPatternId.get(id);
        if (a.activeAt(now)) best = better(best, a);
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every acceptance of the set, in the order given. */
  public List<Acceptance> all() {
    return all;
  }

  public int size() {
    return all.size();
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The first active acceptance of a list sorted best first, or null. */
  private static Acceptance first(List<Acceptance> sorted, Instant now) {
    if (sorted == null) return null;
    for (Acceptance a : sorted) {
      if (a.activeAt(now)) return a;
    }
    return null;
  }

  private static Acceptance better(Acceptance a, Acceptance b) {
    if (a == null) return b;
    if (b == null) return a;
    return BEST.compare(a, b) <= 0 ? a : b;
  }
}

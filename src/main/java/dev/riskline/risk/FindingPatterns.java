package dev.riskline.risk;

import dev.riskline.finding.Finding;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.event.ruler.Machine;

/**
 * Named {@link FindingPattern}s matched together: one event-ruler machine holds them all, so a finding is
 * serialised once (the top-level fields the patterns name) and every pattern is tried in one pass, however
 * many there are. Matching is the same as each pattern's {@link FindingPattern#matches}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FindingPatterns {
  private static final FindingPatterns NONE = new FindingPatterns(Map.of(), new Machine(), Set.of());

  private final Map<String, FindingPattern> patterns;
  private final Machine machine;
  /** The top-level fields any of the patterns names. */
  private final Set<String> fields;

  private FindingPatterns(Map<String, FindingPattern> patterns, Machine machine, Set<String> fields) {
    this.patterns = patterns;
    this.machine = machine;
    this.fields = fields;
  }

  /** The patterns under their names (names are what {@link #matching} returns). */
  public static FindingPatterns of(Map<String, FindingPattern> named) {
    if (named.isEmpty()) return NONE;
    Map<String, FindingPattern> copy = new LinkedHashMap<>();
    Set<String> fields = new LinkedHashSet<>();
    Machine machine = new Machine();
    named.forEach((name, pattern) -> {
      copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pattern, "pattern"));
      fields.addAll(pattern.fields());
      try {
        machine.addRule(name, pattern.json());
      } catch (IOException e) {
        throw new IllegalStateException("A parsed pattern compiles again: " + pattern.json(), e);
      }
    });
    return new FindingPatterns(Collections.unmodifiableMap(copy), machine, Set.copyOf(fields));
  }

  /** The names of the patterns the finding matches, in no particular order; empty when none does. */
  public List<String> matching(Finding finding) {
    if (patterns.isEmpty()) return List.of();
    return List.copyOf(machine.rulesForJSONEvent(FindingPattern.tree(finding, fields)));
  }

  /** The patterns by name. */
  public Map<String, FindingPattern> patterns() {
    return patterns;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public int size() {
    return patterns.size();
  }
}

package dev.riskline.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of (field, value before, value after), in bounded memory: at most
 * {@value #VALUES_PER_FIELD} distinct value pairs per field are kept apart, later ones are counted together
 * under {@link Simulation#OTHER}. Used by one thread.
 */
final class Tallies {
  static final int VALUES_PER_FIELD = 20;
  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<Simulation.Tally> ORDER = Comparator.comparing(Simulation.Tally::field)
      .thenComparing(Comparator.comparingLong(Simulation.Tally::count).reversed())
      .thenComparing(Simulation.Tally::before, TEXT)
      .thenComparing(Simulation.Tally::after, TEXT);

  private final Map<String, Map<List<String>, long[]>> byField = new TreeMap<>();

  /** Counts one finding whose {@code field} went from {@code before} (null when not tracked) to {@code after}. */
  void add(String field, String before, String after) {
    Map<List<String>, long[]> values = byField.computeIfAbsent(field, k -> new HashMap<>());
    List<String> key = Arrays.asList(before, after);
    long[] count = values.get(key);
    if (count == null) {
      if (values.size() >= VALUES_PER_FIELD) {
        key = Arrays.asList(before == null ? null : Simulation.OTHER, Simulation.OTHER);
      }
      count = values.computeIfAbsent(key, k -> new long[1]);
    }
    count[0]++;
  }

  /** Every count: by field, then most frequent first. */
  List<Simulation.Tally> list() {
    List<Simulation.Tally> out = new ArrayList<>();
    byField.forEach((field, values) -> values.forEach(
        (key, count) -> out.add(new Simulation.Tally(field, key.get(0), key.get(1), count[0]))));
    out.sort(ORDER);
    return List.copyOf(out);
  }
}

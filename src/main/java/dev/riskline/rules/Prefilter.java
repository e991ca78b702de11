package dev.riskline.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Skips the rules that cannot match a finding without evaluating their criteria. A rule whose criteria
 * include a string field with only EQUALS among its positive filters (say {@code ProductName} EQUALS
 * {@code Inspector}) can only match a finding with one of those values in that field: the values of each
 * such field are read once per finding, and a rule is tried only when one of them is among its values.
 * Exactly the rules that could match are tried, so the results are the same with or without it.
 * Immutable and thread-safe.
 */
final class Prefilter {
  private final Access.Strings[] readers;
  /** Per key field: value → the rules (bits by position) keyed on that value. */
  private final Map<String, long[]>[] byValue;
  /** The rules without a key: always tried. */
  private final long[] unkeyed;
  private final int words;

  @SuppressWarnings("unchecked")
  Prefilter(Rule[] rules) {
    words = (rules.length + 63) / 64;
    unkeyed = new long[words];
    Map<String, Integer> fields = new HashMap<>();
    List<Access.Strings> readerList = new ArrayList<>();
    List<Map<String, long[]>> maps = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      StringCriterion key = null;
      Set<String> values = null;
      for (Criterion c : rules[i].criteria().all()) {
        if (!(c instanceof StringCriterion s)) continue;
        Set<String> required = s.requiredValues();
        if (required != null && (values == null || required.size() < values.size())) {
          key = s;
          values = required;
        }
      }
      if (key == null) {
        unkeyed[i >>> 6] |= 1L << i;
        continue;
      }
      Integer f = fields.get(key.field());
      if (f == null) {
        f = readerList.size();
        fields.put(key.field(), f);
        readerList.add(key.reader());
        maps.add(new HashMap<>());
      }
      for (String v : values) {
        maps.get(f).computeIfAbsent(v, x -> new long[words])[i >>> 6] |= 1L << i;
      }
    }
    readers = readerList.toArray(Access.Strings[]::new);
    byValue = maps.toArray(Map[]::new);
  }

  /** The rules worth trying on this finding, as bits by position: the unkeyed ones and those its key values select. */
  long[] candidates(Map<String, Object> tree) {
    long[] out = unkeyed.clone();
    for (int f = 0; f < readers.length; f++) {
      Map<String, long[]> rulesOf = byValue[f];
      readers[f].any(tree, v -> {
        long[] bits = rulesOf.get(v);
        if (bits != null) {
          for (int w = 0; w < words; w++) out[w] |= bits[w];
        }
        return false;
      });
    }
    return out;
  }

  /** False when rule {@code i} cannot match the finding whose {@link #candidates} these are. */
  static boolean mayMatch(int i, long[] candidates) {
    return (candidates[i >>> 6] & (1L << i)) != 0;
  }
}

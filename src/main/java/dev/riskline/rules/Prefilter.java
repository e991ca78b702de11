package dev.riskline.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Skips the rules that cannot match a finding without evaluating their criteria. A rule whose criteria
 * include string fields with only EQUALS among their positive filters (say {@code ProductName} EQUALS
 * {@code Inspector} and {@code SeverityLabel} EQUALS {@code CRITICAL}) can only match a finding with one of
 * those values in each such field: the values of every such field are read once per finding, and a rule is
 * tried only when each of its keyed fields holds one of its values. Exactly the rules that could match are
 * tried, so the results are the same with or without it. A keyed criterion with no negative filters then
 * holds already (an absent attribute fails its EQUALS, and a multi-valued one needs any value to equal one
 * of its values, in both), so only the {@link #residual} criteria are tried. Bit sets by rule position;
 * immutable and thread-safe.
 */
final class Prefilter {
  private final Access.Strings[] readers;
  /** Per key field: value → the rules (bits by position) that accept that value in the field. */
  private final Map<String, long[]>[] byValue;
  /** Per key field: the rules that do not key on it (always pass that field). */
  private final long[][] unkeyed;
  private final long[] all;
  private final int words;

  @SuppressWarnings("unchecked")
  Prefilter(Rule[] rules) {
    words = (rules.length + 63) / 64;
    all = new long[words];
    for (int i = 0; i < rules.length; i++) all[i >>> 6] |= 1L << i;
    Map<String, Integer> fields = new HashMap<>();
    List<Access.Strings> readerList = new ArrayList<>();
    List<Map<String, long[]>> maps = new ArrayList<>();
    List<long[]> keyed = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      for (Criterion c : rules[i].criteria().all()) {
        if (!(c instanceof StringCriterion s)) continue;
        Set<String> required = s.requiredValues();
        if (required == null) continue;
        Integer f = fields.get(s.field());
        if (f == null) {
          f = readerList.size();
          fields.put(s.field(), f);
          readerList.add(s.reader());
          maps.add(new HashMap<>());
          keyed.add(new long[words]);
        }
        keyed.get(f)[i >>> 6] |= 1L << i;
        for (String v : required) {
          maps.get(f).computeIfAbsent(v, x -> new long[words])[i >>> 6] |= 1L << i;
        }
      }
    }
    readers = readerList.toArray(Access.Strings[]::new);
    byValue = maps.toArray(Map[]::new);
    unkeyed = new long[readers.length][];
    for (int f = 0; f < readers.length; f++) {
      long[] u = new long[words];
      for (int w = 0; w < words; w++) u[w] = all[w] & ~keyed.get(f)[w];
      unkeyed[f] = u;
    }
  }

  /** The rules worth trying on this finding, as bits by position. */
  long[] candidates(Map<String, Object> tree) {
    long[] out = all.clone();
    long[] field = new long[words];
    for (int f = 0; f < readers.length; f++) {
      System.arraycopy(unkeyed[f], 0, field, 0, words);
      Map<String, long[]> rulesOf = byValue[f];
      readers[f].any(tree, v -> {
        long[] bits = rulesOf.get(v);
        if (bits != null) {
          for (int w = 0; w < words; w++) field[w] |= bits[w];
        }
        return false;
      });
      for (int w = 0; w < words; w++) out[w] &= field[w];
    }
    return out;
  }

  /** The criteria left to test on a finding that passed the prefilter for the rule of {@code all}. */
  static Criteria residual(Criteria all) {
    List<Criterion> left = new ArrayList<>();
    for (Criterion c : all.all()) {
      if (!(c instanceof StringCriterion s && s.decidedByValues())) left.add(c);
    }
    return left.size() == all.all().size() ? all : new Criteria(left);
  }

  /** False when rule {@code i} cannot match the finding whose {@link #candidates} these are. */
  static boolean mayMatch(int i, long[] candidates) {
    return (candidates[i >>> 6] & (1L << i)) != 0;
  }
}

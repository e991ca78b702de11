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
  private final int[] ruleField;
  private final Set<String>[] ruleValues;

  @SuppressWarnings("unchecked")
  Prefilter(Rule[] rules) {
    Map<String, Integer> fields = new HashMap<>();
    List<Access.Strings> readerList = new ArrayList<>();
    ruleField = new int[rules.length];
    ruleValues = new Set[rules.length];
    for (int i = 0; i < rules.length; i++) {
      ruleField[i] = -1;
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
      if (key == null) continue;
      Integer f = fields.get(key.field());
      if (f == null) {
        f = readerList.size();
        fields.put(key.field(), f);
        readerList.add(key.reader());
      }
      ruleField[i] = f;
      ruleValues[i] = values;
    }
    readers = readerList.toArray(Access.Strings[]::new);
  }

  /** The values of each key field of the finding: one list per field, read once. */
  List<String>[] read(Map<String, Object> tree) {
    @SuppressWarnings("unchecked")
    List<String>[] out = new List[readers.length];
    for (int f = 0; f < readers.length; f++) {
      List<String> values = new ArrayList<>(1);
      readers[f].any(tree, v -> {
        values.add(v);
        return false;
      });
      out[f] = values;
    }
    return out;
  }

  /** False when rule {@code i} cannot match a finding with these key values. */
  boolean mayMatch(int i, List<String>[] values) {
    int f = ruleField[i];
    if (f < 0) return true;
    Set<String> wanted = ruleValues[i];
    for (String v : values[f]) {
      if (wanted.contains(v)) return true;
    }
    return false;
  }
}

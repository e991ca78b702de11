package dev.riskline.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The finding being changed by one {@code apply}: a copy of its top-level map that rule actions write
 * into, replacing (never changing) the nested objects they touch, and the list of changes made. Each
 * write that changes a value records a {@link FieldChange} for the rule now acting. Used by one thread.
 */
final class Edit {
  private final Map<String, Object> tree;
  private final List<FieldChange> changes;
  private String rule;

  Edit(Map<String, Object> tree, List<FieldChange> changes) {
    this.tree = tree;
    this.changes = changes;
  }

  Map<String, Object> tree() {
    return tree;
  }

  /** Names the rule whose action writes next. */
  void actingFor(String rule) {
    this.rule = rule;
  }

  /** Sets the top-level attribute {@code key}. */
  void put(String key, Object value) {
    Object before = tree.put(key, value);
    record(key, before, value);
  }

  /** Sets entries of the top-level object {@code object}, copying it first; keeps its other entries. */
  void putIn(String object, Map<String, Object> values) {
    Object old = tree.get(object);
    Map<String, Object> copy = old instanceof Map<?, ?> m ? copyOf(m) : new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object before = copy.put(e.getKey(), e.getValue());
      record(object + "." + e.getKey(), before, e.getValue());
    }
    tree.put(object, copy);
  }

  private void record(String field, Object before, Object after) {
    if (!Objects.equals(before, after)) changes.add(new FieldChange(rule, field, before, after));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copyOf(Map<?, ?> m) {
    return new LinkedHashMap<>((Map<String, Object>) m);
  }
}

package dev.riskline.rules;

import java.time.Instant;
import java.util.Map;

/**
 * The finding under evaluation during one {@code apply}: the provider's JSON tree, the evaluation clock,
 * and the timestamps already parsed, so each date field is parsed at most once per finding however many
 * rules test it. Used by one thread.
 */
final class Subject {
  private static final int DATE_FIELDS = 5;
  private final Map<String, Object> tree;
  private final Instant now;
  private final Access.Timestamp[] parsed = new Access.Timestamp[DATE_FIELDS];
  private final Instant[] instants = new Instant[DATE_FIELDS];
  private int count;

  Subject(Map<String, Object> tree, Instant now) {
    this.tree = tree;
    this.now = now;
  }

  Map<String, Object> tree() {
    return tree;
  }

  Instant now() {
    return now;
  }

  /** The instant {@code read} gives for this finding (null when absent), parsed once. */
  Instant instant(Access.Timestamp read) {
    for (int i = 0; i < count; i++) {
      if (parsed[i] == read) return instants[i];
    }
    Instant t = read.read(tree);
    if (count < DATE_FIELDS) {
      parsed[count] = read;
      instants[count++] = t;
    }
    return t;
  }
}

package dev.riskline.read;

import dev.riskline.finding.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Building ASFF trees: objects in insertion order that leave out what is absent. ASFF has no use for
 * empty strings, arrays or objects (its strings are at least one character long), so {@link #put} drops
 * those as it drops null; that is how a mapping "maps what is present and skips what is absent".
 */
final class Tree {
  private Tree() {}

  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** Puts the value unless it is null, an empty string, an empty collection or an empty map. */
  static void put(Map<String, Object> target, String key, Object value) {
    if (value == null) return;
    if (value instanceof String s && s.isEmpty()) return;
    if (value instanceof Collection<?> c && c.isEmpty()) return;
    if (value instanceof Map<?, ?> m && m.isEmpty()) return;
    target.put(key, value);
  }

  /** Puts the instant as Security Hub writes timestamps (ISO-8601 UTC, milliseconds). */
  static void putTime(Map<String, Object> target, String key, Instant value) {
    if (value != null) target.put(key, Timestamps.format(value));
  }

  /** The text cut to at most {@code max} characters, ending in an ellipsis when cut. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) return text;
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return text.substring(0, end) + "…";
  }
}

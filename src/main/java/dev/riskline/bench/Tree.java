package dev.riskline.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building JSON trees in field order: objects are {@link LinkedHashMap}s, arrays {@link ArrayList}s. */
final class Tree {
  private Tree() {}

  /** An object from key/value pairs, in order; pairs whose value is null are left out. */
  static Map<String, Object> obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected key/value pairs but got " + keysAndValues.length + " items");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** An array of the given items. */
  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  /** An array of the given items. */
  static List<Object> listOf(List<?> items) {
    return new ArrayList<>(items);
  }

  /** A deep copy of a tree, so findings that share a resource never share its maps. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object v : l) out.add(copy(v));
      return (T) out;
    }
    return value;
  }
}

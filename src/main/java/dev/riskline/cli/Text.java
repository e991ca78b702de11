package dev.riskline.cli;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for the terminal; cell text is made safe (control characters shown, long text cut). */
final class Text {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] right;

  /** A table whose columns are right-aligned where {@code right} says so. */
  Text(boolean... right) {
    this.right = right;
  }

  Text row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) r[i] = safe(cells[i] == null ? "" : String.valueOf(cells[i]), 60);
    rows.add(r);
    return this;
  }

  String render() {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i > 0) line.append("  ");
        boolean alignRight = i < right.length && right[i];
        String pad = " ".repeat(width[i] - r[i].length());
        line.append(alignRight ? pad + r[i] : r[i] + (i == r.length - 1 ? "" : pad));
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** Text that cannot move the cursor or ring the bell, cut at {@code max} characters. */
  static String safe(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    if (s.length() > max) {
      b.setLength(max - 1);
      b.append('…');
    }
    return b.toString();
  }
}

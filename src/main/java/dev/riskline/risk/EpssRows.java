package dev.riskline.risk;

import dev.riskline.risk.Intel.EpssMeta;
import java.util.Arrays;

/**
 * The rows of an EPSS file as they are read, in growing parallel arrays with the line of each, parsed from
 * the line's bytes; then put in key order and made an {@link EpssTable}. Not thread-safe.
 */
final class EpssRows {
  private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15};
  private long[] keys = new long[1 << 16];
  private float[] scores = new float[1 << 16];
  private float[] percentiles = new float[1 << 16];
  private int[] lines = new int[1 << 16];
  private int size;

  int size() {
    return size;
  }

  /** Reads the current line as a row {@code cve,epss,percentile}, or adds its problems to the file. */
  void add(IntelFile file, Lines line) {
    byte[] b = line.bytes();
    int end = line.end();
    int c1 = indexOf(b, line.start(), end);
    int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, end);
    if (c2 < 0 || indexOf(b, c2 + 1, end) >= 0) {
      file.expected("line " + line.number(), "expected 3 comma-separated values " + EpssReader.HEADER, line.text());
      return;
    }
    long key = CveIds.key(b, line.start(), c1);
    if (key == CveIds.NONE) {
      file.expected("line " + line.number() + ": cve", "expected a CVE id such as CVE-2021-44228",
          line.text(line.start(), c1));
    }
    while (end > c2 + 1 && (b[end - 1] == ' ' || b[end - 1] == '\t')) end--;
    double score = probability(file, line, "epss", c1 + 1, c2);
    double percentile = probability(file, line, "percentile", c2 + 1, end);
    if (key == CveIds.NONE || Double.isNaN(score) || Double.isNaN(percentile)) return;
    if (size == keys.length) grow();
    keys[size] = key;
    scores[size] = (float) score;
    percentiles[size] = (float) percentile;
    lines[size] = line.number();
    size++;
  }

  private static int indexOf(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == ',') return i;
    }
    return -1;
  }

  /** The number from 0 to 1 in {@code b[from .. to)}, or NaN after adding a problem. */
  private static double probability(IntelFile file, Lines line, String column, int from, int to) {
    double v = decimal(line.bytes(), from, to);
    if (v >= 0 && v <= 1) return v;
    file.expected("line " + line.number() + ": " + column, "expected a number from 0 to 1", line.text(from, to));
    return Double.NaN;
  }

  /**
   * The decimal in the bytes: digits with at most one point read directly (the quotient of two exact doubles,
   * so correctly rounded as {@link Double#parseDouble} would round it); signs, exponents and more than 15
   * digits through {@code parseDouble}; anything else NaN.
   */
  static double decimal(byte[] b, int from, int to) {
    long mantissa = 0;
    int scale = -1;
    int digits = 0;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        if (++digits > 15) return slow(b, from, to);
        mantissa = mantissa * 10 + (c - '0');
        if (scale >= 0) scale++;
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        return slow(b, from, to);
      }
    }
    if (digits == 0) return Double.NaN;
    return scale <= 0 ? mantissa : mantissa / POWERS[scale];
  }

  /** Digits with an optional sign, point and exponent through parseDouble (which alone would also take NaN, hex and a d suffix). */
  private static double slow(byte[] b, int from, int to) {
    if (to - from > 40) return Double.NaN;
    boolean digit = false;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') digit = true;
      else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') return Double.NaN;
    }
    if (!digit) return Double.NaN;
    try {
      return Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private void grow() {
    int capacity = keys.length * 2;
    keys = Arrays.copyOf(keys, capacity);
    scores = Arrays.copyOf(scores, capacity);
    percentiles = Arrays.copyOf(percentiles, capacity);
    lines = Arrays.copyOf(lines, capacity);
  }

  /**
   * Puts the rows in key order (published files are in text order: CVE-2021-10000 before CVE-2021-9999) and
   * reports each CVE given more than once.
   */
  void sort(IntelFile file) {
    long[] sorted = Arrays.copyOf(keys, size);
    Arrays.sort(sorted);
    boolean inOrder = true;
    for (int i = 0; i < size; i++) {
      if (i > 0 && sorted[i] == sorted[i - 1] && (i == 1 || sorted[i - 2] != sorted[i])) duplicate(file, sorted[i]);
      inOrder &= sorted[i] == keys[i];
    }
    if (inOrder || file.count() > 0) {
      keys = sorted;
      return;
    }
    float[] s = new float[size];
    float[] p = new float[size];
    for (int i = 0; i < size; i++) {
      int at = Arrays.binarySearch(sorted, keys[i]);
      s[at] = scores[i];
      p[at] = percentiles[i];
    }
    keys = sorted;
    scores = s;
    percentiles = p;
  }

  /** Reports every row of the key after its first. */
  private void duplicate(IntelFile file, long key) {
    int first = -1;
    for (int i = 0; i < size; i++) {
      if (keys[i] != key) continue;
      if (first < 0) {
        first = lines[i];
      } else {
        file.add("line " + lines[i] + ": cve", "expected each CVE once but " + CveIds.id(key) + " is also on line " + first);
      }
    }
  }

  /** The table of the sorted rows. */
  EpssTable table(EpssMeta meta) {
    return new EpssTable(meta, keys, Arrays.copyOf(scores, size), Arrays.copyOf(percentiles, size));
  }
}

package dev.riskline.risk;

/**
 * CVE ids as numbers, for compact sorted tables: {@code CVE-YYYY-N} is {@code YYYY × 10^10 + N}. Only the
 * canonical form has a key: {@code CVE-}, four digits, {@code -}, four digits or five to ten without a
 * leading zero (so {@code CVE-2021-0001} and {@code CVE-2021-00001} never share one). Thread-safe.
 */
final class CveIds {
  /** No key: the text is not a canonical CVE id with at most ten digits in its number. */
  static final long NONE = -1;
  private static final long YEAR = 10_000_000_000L;
  private static final int MAX_NUMBER_DIGITS = 10;

  private CveIds() {}

  /** The key of a canonical CVE id, else {@link #NONE}. Case-sensitive: {@code cve-2021-44228} has none. */
  static long key(String id) {
    if (id == null) return NONE;
    int n = id.length();
    int digits = n - 9;
    if (digits < 4 || digits > MAX_NUMBER_DIGITS || !id.startsWith("CVE-") || id.charAt(8) != '-') return NONE;
    if (digits > 4 && id.charAt(9) == '0') return NONE;
    long year = digits(id, 4, 8);
    long number = digits(id, 9, n);
    return year < 0 || number < 0 ? NONE : year * YEAR + number;
  }

  /** The key of the canonical CVE id in {@code b[from .. to)} (ASCII), else {@link #NONE}. */
  static long key(byte[] b, int from, int to) {
    int digits = to - from - 9;
    if (digits < 4 || digits > MAX_NUMBER_DIGITS || b[from] != 'C' || b[from + 1] != 'V' || b[from + 2] != 'E'
        || b[from + 3] != '-' || b[from + 8] != '-') {
      return NONE;
    }
    if (digits > 4 && b[from + 9] == '0') return NONE;
    long year = digits(b, from + 4, from + 8);
    long number = digits(b, from + 9, to);
    return year < 0 || number < 0 ? NONE : year * YEAR + number;
  }

  /** The canonical id of a key made by {@link #key}. */
  static String id(long key) {
    String year = Long.toString(key / YEAR);
    String number = Long.toString(key % YEAR);
    return "CVE-" + "0".repeat(4 - year.length()) + year + "-" + "0".repeat(Math.max(0, 4 - number.length())) + number;
  }

  private static long digits(byte[] b, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static long digits(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}

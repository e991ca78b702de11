package dev.riskline.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's one source of randomness, a seeded {@link SplittableRandom}, with the draws it needs. Not
 * thread-safe.
 */
final class Rand {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final SplittableRandom random;

  Rand(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** 0 (inclusive) to bound (exclusive). */
  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** lo to hi, both inclusive. */
  int between(int lo, int hi) {
    return random.nextInt(lo, hi + 1);
  }

  double nextDouble() {
    return random.nextDouble();
  }

  /** A double in [lo, hi). */
  double between(double lo, double hi) {
    return random.nextDouble(lo, hi);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T pick(T... items) {
    return items[random.nextInt(items.length)];
  }

  /** The index of one weight, drawn in proportion to the weights. */
  int weighted(int... weights) {
    int total = 0;
    for (int w : weights) total += w;
    int draw = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) return i;
    }
    throw new IllegalStateException("unreachable: weights " + weights.length);
  }

  /** n lower-case hex digits. */
  String hex(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append(HEX[random.nextInt(16)]);
    return b.toString();
  }

  /** n characters of the alphabet of AWS access key and principal ids. */
  String upper(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append(UPPER_ALNUM[random.nextInt(UPPER_ALNUM.length)]);
    return b.toString();
  }

  /** A random (version 4 shaped) UUID string. */
  String uuid() {
    String h = hex(32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
        + "89ab".charAt(random.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
  }

  /** An instant in [latest - window, latest), to the millisecond. */
  Instant before(Instant latest, Duration window) {
    long ms = window.toMillis();
    return latest.minusMillis(1 + (long) (random.nextDouble() * (ms - 1)));
  }

  /** An instant in [from, to], to the millisecond; from when the range is empty. */
  Instant between(Instant from, Instant to) {
    long ms = Duration.between(from, to).toMillis();
    return ms <= 0 ? from : from.plusMillis((long) (random.nextDouble() * ms));
  }

  /** A value rounded to the given number of decimals, as findings carry scores. */
  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
